package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.operations.EnhancementCandidatesListener;
import org.junit.jupiter.api.Test;

/** The pure logic behind the listeners, without an engine. */
class ProcessLogicTest {

  @Test
  void enhancementCandidatesAreMergedOncePerLineInOrder() {
    assertThat(
            EnhancementCandidatesListener.merge(
                "Bulk import\nSSO", "  SSO \r\n\nAudit log export\n"))
        .containsExactly("Bulk import", "SSO", "Audit log export");
    assertThat(EnhancementCandidatesListener.merge("", "")).isEmpty();
  }
}
