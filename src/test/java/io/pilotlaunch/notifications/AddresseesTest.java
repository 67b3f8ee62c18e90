package io.pilotlaunch.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.notifications.NotificationOutbox.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who hears of what, as configured: the teams' channels, opt-out, and the waits between tries. */
class AddresseesTest {

  private static final NotificationSettings SETTINGS =
      new NotificationSettings(
          true,
          "pilot-launch@example.test",
          Duration.ofSeconds(2),
          Duration.ofMinutes(2),
          200,
          8,
          Duration.ofSeconds(5),
          Duration.ofMinutes(10),
          6,
          50,
          List.of("product-management"),
          List.of("devops-sre"),
          List.of("product-management"),
          List.of("devops-sre"),
          new NotificationSettings.Sla(0.8, Duration.ofMinutes(1)),
          new NotificationSettings.Digest("0 0 7 * * MON-FRI", Duration.ofDays(2)),
          Map.of(
              "product-management",
              new NotificationSettings.TeamChannels("pm@example.test", "https://chat.test/pm"),
              "docs-standards",
              new NotificationSettings.TeamChannels("docs@example.test", null)),
          Map.of("product-management", Set.of("task-available"), "alice", Set.of("all")));

  // the database is asked only for people who did not opt out, which these tests do not reach
  private final Addressees addressees = new Addressees(SETTINGS, null);

  @Test
  void aTeamHearsOnEachOfItsChannelsTheChatRowNamingTheTeamNotItsUrl() {
    List<Message> messages =
        addressees.team("product-management", notice(NotificationEvent.PILOT_COMPLETED), "k");
    assertThat(messages)
        .extracting(Message::channel, Message::recipient, Message::dedupKey)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Channel.MAIL, "pm@example.test", "k:mail"),
            org.assertj.core.groups.Tuple.tuple(Channel.CHAT, "product-management", "k:chat"));
  }

  @Test
  void aTeamWithoutChatHearsByMailAndAnUnconfiguredTeamHearsNothing() {
    assertThat(addressees.team("docs-standards", notice(NotificationEvent.DIGEST), null))
        .extracting(Message::channel)
        .containsExactly(Channel.MAIL);
    assertThat(addressees.team("architecture", notice(NotificationEvent.DIGEST), null)).isEmpty();
  }

  @Test
  void whatATeamOrAPersonTurnedOffReachesThemNot() {
    assertThat(
            addressees.team("product-management", notice(NotificationEvent.TASK_AVAILABLE), null))
        .isEmpty();
    assertThat(addressees.user("alice", notice(NotificationEvent.TASK_ASSIGNED))).isEmpty();
  }

  @Test
  void retriesWaitLongerEachTimeUpToTheLongestWait() {
    assertThat(SETTINGS.backoff(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SETTINGS.backoff(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(SETTINGS.backoff(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(SETTINGS.backoff(30)).isEqualTo(Duration.ofMinutes(10));
  }

  private static Notice notice(NotificationEvent event) {
    return new Notice(event, "acme", "Subject", "Text", List.of());
  }
}
