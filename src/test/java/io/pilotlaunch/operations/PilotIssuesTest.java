package io.pilotlaunch.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PilotIssuesTest {

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "Checkout Timeout!            | checkout-timeout",
        "  login -- fails on Safari   | login-fails-on-safari",
        "ÜBER slow_page               | ber-slow-page",
        "!!!                          | ''",
        "a-very-long-topic-that-goes-on-and-on-beyond-forty | a-very-long-topic-that-goes-on-and-on-be"
      })
  void aTopicBecomesTheSlugOfItsFixBranch(String topic, String slug) {
    assertThat(FixBranch.slug(topic)).isEqualTo(slug);
  }
}
