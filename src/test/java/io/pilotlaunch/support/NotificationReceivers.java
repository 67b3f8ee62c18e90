package io.pilotlaunch.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.pilotlaunch.teams.Team;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where the shared test context's notifications go: a real SMTP server (GreenMail) and a real HTTP
 * server taking Slack-format chat posts, one channel per team at /chat/{team}. Started once per
 * test JVM; the mail server can be stopped and started again on its port to play an outage.
 */
public final class NotificationReceivers {

  /** A mail as it arrived. */
  public record Mail(List<String> to, String subject, String text) {}

  /** A chat post as it arrived: the channel (team) and Slack's JSON. */
  public record ChatPost(String team, String json) {}

  private static final int SMTP_PORT = freePort();
  private static final List<Mail> MAILS = new CopyOnWriteArrayList<>();
  private static final List<ChatPost> CHAT = new CopyOnWriteArrayList<>();
  private static volatile int chatStatus = 200;
  private static GreenMail smtp;
  private static HttpServer chat;

  private NotificationReceivers() {}

  /** Each team's mail address in the tests. */
  public static String teamAddress(String groupId) {
    return groupId + "@teams.test";
  }

  /** The shared context's settings: every team by mail and chat, to these receivers. */
  public static synchronized void register(DynamicPropertyRegistry registry) {
    start();
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    List<String> teams = new ArrayList<>(Arrays.stream(Team.values()).map(Team::groupId).toList());
    teams.addAll(List.of("storm", "duo", "broken"));
    for (String team : teams) {
      registry.add("pilot.notifications.teams." + team + ".email", () -> teamAddress(team));
      registry.add("pilot.notifications.teams." + team + ".chat-webhook", () -> chatUrl(team));
    }
  }

  public static String chatUrl(String team) {
    return "http://127.0.0.1:" + chat.getAddress().getPort() + "/chat/" + team;
  }

  public static int smtpPort() {
    return SMTP_PORT;
  }

  public static synchronized void start() {
    if (chat == null) {
      try {
        chat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      chat.createContext(
          "/chat/",
          exchange -> {
            String team = exchange.getRequestURI().getPath().substring("/chat/".length());
            String json =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = team.equals("broken") ? 500 : chatStatus;
            if (status == 200) {
              CHAT.add(new ChatPost(team, json));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      chat.start();
    }
    startMail();
  }

  /** The mail server up again, on the same port. */
  public static synchronized void startMail() {
    if (smtp == null) {
      smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
    }
  }

  /** The mail server down: connections are refused until {@link #startMail()}. */
  public static synchronized void stopMail() {
    if (smtp != null) {
      keep(smtp);
      smtp.stop();
      smtp = null;
    }
  }

  /** Every mail received so far, across outages. */
  public static synchronized List<Mail> mails() {
    List<Mail> all = new ArrayList<>(MAILS);
    if (smtp != null) {
      all.addAll(read(smtp));
    }
    return all;
  }

  public static List<ChatPost> chatPosts() {
    return List.copyOf(CHAT);
  }

  private static void keep(GreenMail server) {
    MAILS.addAll(read(server));
  }

  private static List<Mail> read(GreenMail server) {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      try {
        Address[] to = message.getAllRecipients();
        mails.add(
            new Mail(
                to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                message.getSubject(),
                String.valueOf(message.getContent()).replace("\r\n", "\n")));
      } catch (Exception e) {
        throw new IllegalStateException("An unreadable mail", e);
      }
    }
    return mails;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
