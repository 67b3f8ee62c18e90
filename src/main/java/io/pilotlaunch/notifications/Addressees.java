package io.pilotlaunch.notifications;

import io.pilotlaunch.notifications.NotificationOutbox.Message;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who hears of a notice, and where: a team by its configured mail address and chat channel, a
 * person by the e-mail of their Camunda user profile; nobody who turned the event off.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class Addressees {

  private final NotificationSettings settings;
  private final JdbcTemplate jdbc;

  Addressees(NotificationSettings settings, JdbcTemplate jdbc) {
    this.settings = settings;
    this.jdbc = jdbc;
  }

  /**
   * One message per channel the team has; its chat row names the team, whose URL is looked up when
   * sent.
   */
  List<Message> team(String groupId, Notice notice, String dedupKey) {
    List<Message> messages = new ArrayList<>();
    NotificationSettings.TeamChannels channels = settings.teams().get(groupId);
    if (channels == null || settings.optedOut(groupId, notice.event())) {
      return messages;
    }
    if (hasText(channels.email())) {
      messages.add(message(notice, Channel.MAIL, channels.email(), groupId, dedupKey));
    }
    if (hasText(channels.chatWebhook())) {
      messages.add(message(notice, Channel.CHAT, groupId, groupId, dedupKey));
    }
    return messages;
  }

  List<Message> teams(List<String> groupIds, Notice notice) {
    List<Message> messages = new ArrayList<>();
    groupIds.forEach(groupId -> messages.addAll(team(groupId, notice, null)));
    return messages;
  }

  /**
   * A mail to the person, at the address of their user profile (ACT_ID_USER, read directly: the
   * caller whose action caused the notice may not be allowed to read other users).
   */
  List<Message> user(String userId, Notice notice) {
    if (settings.optedOut(userId, notice.event())) {
      return List.of();
    }
    List<String> emails =
        jdbc.queryForList("select EMAIL_ from ACT_ID_USER where ID_ = ?", String.class, userId);
    if (emails.isEmpty() || !hasText(emails.get(0))) {
      return List.of();
    }
    return List.of(message(notice, Channel.MAIL, emails.get(0), userId, null));
  }

  private static Message message(
      Notice notice, Channel channel, String recipient, String addressee, String dedupKey) {
    return new Message(
        notice.event(),
        channel,
        recipient,
        addressee,
        notice.tenantId(),
        notice.subject(),
        notice.body(),
        dedupKey == null ? null : dedupKey + ":" + channel.name().toLowerCase());
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
