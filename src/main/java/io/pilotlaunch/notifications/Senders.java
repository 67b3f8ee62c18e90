package io.pilotlaunch.notifications;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends one message on its channel, or throws saying why not. Mail goes through Spring Boot's
 * {@code spring.mail.*} SMTP settings; without {@code spring.mail.host} (the demo) mails are
 * written to the log instead, and the page /notifications shows them. Chat posts Slack's
 * incoming-webhook JSON, {@code {"text": ...}}, to the team's configured URL.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class Senders {

  private static final Logger log = LoggerFactory.getLogger(Senders.class);

  private final NotificationSettings settings;
  private final JavaMailSender mail;
  private final RestClient chat;

  Senders(NotificationSettings settings, ObjectProvider<JavaMailSender> mail) {
    this.settings = settings;
    this.mail = mail.getIfAvailable();
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    requests.setReadTimeout(Duration.ofSeconds(10));
    this.chat = RestClient.builder().requestFactory(requests).build();
  }

  void send(Channel channel, String recipient, String subject, String body) {
    switch (channel) {
      case MAIL -> mail(recipient, subject, body);
      case CHAT -> chat(recipient, subject, body);
    }
  }

  private void mail(String address, String subject, String body) {
    if (mail == null) {
      log.info("Mail to {} (no SMTP server configured): {}\n{}", address, subject, body);
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(settings.mailFrom());
    message.setTo(address);
    message.setSubject(subject);
    message.setText(body);
    mail.send(message);
  }

  private void chat(String team, String subject, String body) {
    NotificationSettings.TeamChannels channels = settings.teams().get(team);
    if (channels == null || channels.chatWebhook() == null || channels.chatWebhook().isBlank()) {
      throw new IllegalStateException(
          "No chat webhook is configured for team "
              + team
              + " (pilot.notifications.teams."
              + team
              + ".chat-webhook)");
    }
    chat.post()
        .uri(channels.chatWebhook())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("text", "*" + subject + "*\n" + body))
        .retrieve()
        .toBodilessEntity();
  }
}
