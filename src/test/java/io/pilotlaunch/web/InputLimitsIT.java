package io.pilotlaunch.web;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Input of the wrong size or shape is a 4xx that says what is wrong, never a 5xx, never an
 * exception class name, and changes nothing: serialized objects in a form, pages larger than the
 * limit, malformed query parameters, bodies larger than the limit.
 */
class InputLimitsIT extends PostgresIntegrationTest {

  private static final List<String> ENGINE_TEXT =
      List.of("Exception", "org.camunda", "java.", "Cmd");

  /** A serialized java.lang.String, as a client that sends Java objects would send it. */
  private static final String OBJECT =
      "{\"type\":\"Object\",\"value\":\"rO0ABXQAA2Jhcg==\",\"valueInfo\":{"
          + "\"objectTypeName\":\"java.lang.String\","
          + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  @Test
  void aSerializedObjectIsRefusedOnCompleteSubmitAndStart() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "limits-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));
    String pilot = pilots.start("limits-object-" + System.nanoTime());
    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    taskService.claim(scope.getId(), pm);
    String body = "{\"variables\":{\"done\":" + OBJECT + "}}";
    long pilots = runtimeService.createProcessInstanceQuery().count();

    for (ResponseEntity<String> answer :
        List.of(
            asPm.postJson("/engine-rest/task/" + scope.getId() + "/complete", body),
            asPm.postJson("/engine-rest/task/" + scope.getId() + "/submit-form", body),
            asPm.postJson(
                "/engine-rest/process-definition/key/"
                    + MvpPilotLaunchProcess.PROCESS_ID
                    + "/submit-form",
                body),
            asPm.postJson(
                "/engine-rest/process-definition/key/"
                    + MvpPilotLaunchProcess.PROCESS_ID
                    + "/start",
                body))) {
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains("Only plain values are accepted", "done");
      assertNoEngineText(answer);
    }
    assertThat(taskService.createTaskQuery().taskId(scope.getId()).count()).isOne();
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(pilots);
  }

  @Test
  void pagesHaveALimitAndMalformedQueriesAreBadRequests() {
    String qa = users.memberOf(Team.QA_TESTING, "limits-qa");
    HttpCalls asQa = http().as(qa, passwordOf(qa));

    for (String query :
        List.of(
            "/engine-rest/task?maxResults=-1",
            "/engine-rest/task?maxResults=5000",
            "/engine-rest/task?firstResult=-3&maxResults=10",
            "/engine-rest/history/task?maxResults=2001")) {
      ResponseEntity<String> answer = asQa.get(query);
      assertThat(answer.getStatusCode().value()).as(query + ": " + answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody()).contains("maxResults must be between 0 and 2000");
    }
    for (String query :
        List.of(
            "/engine-rest/task?orQueries=x",
            "/engine-rest/task?maxResults=ten",
            "/engine-rest/task?sortBy=nonsense&sortOrder=asc",
            "/engine-rest/process-instance?variables=x")) {
      ResponseEntity<String> answer = asQa.get(query);
      assertThat(answer.getStatusCode().value()).as(query + ": " + answer.getBody()).isEqualTo(400);
      assertNoEngineText(answer);
    }
    assertThat(asQa.get("/engine-rest/task?maxResults=2000").getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void aBodyLargerThanTheLimitIsRefusedWhetherItSaysItsLengthOrNot() throws Exception {
    String qa = users.memberOf(Team.QA_TESTING, "limits-body-qa");
    // Over the 1 MiB limit, under Tomcat's 2 MiB it reads off a refused request before it closes:
    // a larger body is cut off mid-send, and the client may see a broken pipe, not the answer.
    byte[] overTheLimit =
        ("{\"message\":\"" + "x".repeat(1536 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpClient client = HttpClient.newHttpClient();
    String authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((qa + ":" + passwordOf(qa)).getBytes(StandardCharsets.UTF_8));
    URI comments = URI.create("http://localhost:" + port + "/engine-rest/task/any/comment/create");

    HttpResponse<String> declared =
        client.send(
            HttpRequest.newBuilder(comments)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(overTheLimit))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> chunked =
        client.send(
            HttpRequest.newBuilder(comments)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(overTheLimit)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    for (HttpResponse<String> answer : List.of(declared, chunked)) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
      assertThat(answer.body()).contains("at most 1048576 bytes are accepted");
    }
  }

  /**
   * A client that announces 10 MB and sends them slowly hears 413 before it has sent any of them,
   * on every kind of path and before any login: the API, the webhook, /engine-rest, Tasklist's API,
   * the webapps' login form and the pages. At 75 KB/s the body would take 140 s to arrive.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/pilots",
        "/api/webhooks/git",
        "/engine-rest/process-definition/key/" + MvpPilotLaunchProcess.PROCESS_ID + "/start",
        "/camunda/api/engine/engine/default/task/any/claim",
        "/camunda/api/admin/auth/user/default/login/tasklist",
        "/pilots/logout"
      })
  void aLargeBodyThatDeclaresItsLengthIsRefusedBeforeItIsSent(String path) throws Exception {
    try (Socket client = new Socket("localhost", port)) {
      client.setSoTimeout(10_000);
      long started = System.nanoTime();
      send(client, headers(path, "Content-Length: " + TEN_MEGABYTES));

      String answer = answerOf(client);

      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(answer).startsWith("HTTP/1.1 413").contains("at most 1048576 bytes are accepted");
      assertThat(millis).as("milliseconds to the answer").isLessThan(2_000);
    }
  }

  /**
   * A body sent in chunks has no length to judge: it is refused as soon as it passes the limit, not
   * when it ends (this one never does).
   */
  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
    try (Socket client = new Socket("localhost", port)) {
      client.setSoTimeout(10_000);
      send(client, headers("/api/pilots", "Transfer-Encoding: chunked"));
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int sent = 0; sent <= 1024 * 1024; sent += chunk.length) {
        send(client, Integer.toHexString(chunk.length) + "\r\n");
        client.getOutputStream().write(chunk);
        send(client, "\r\n");
      }
      long started = System.nanoTime();

      String answer = answerOf(client);

      long millis = (System.nanoTime() - started) / 1_000_000;
      assertThat(answer).startsWith("HTTP/1.1 413").contains("at most 1048576 bytes are accepted");
      assertThat(millis).as("milliseconds from passing the limit to the answer").isLessThan(2_000);
    }
  }

  private static final long TEN_MEGABYTES = 10L * 1024 * 1024;

  private static String headers(String path, String length) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + length
        + "\r\n\r\n";
  }

  private static void send(Socket client, String text) throws java.io.IOException {
    client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    client.getOutputStream().flush();
  }

  /** The status line, the headers and the body, read until the server closes the connection. */
  private static String answerOf(Socket client) throws java.io.IOException {
    java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int read; (read = client.getInputStream().read(buffer)) != -1; ) {
        answer.write(buffer, 0, read);
        if (answer.toString(StandardCharsets.UTF_8).contains("bytes are accepted")) {
          break; // the refusal has been read; the server may still be closing
        }
      }
    } catch (java.net.SocketException reset) {
      // a reset after the answer: what was read is the answer
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  /**
   * What a person reads: the message. Camunda's {@code type} (its documented error code, on which
   * the webapps branch) stays as Camunda sends it.
   */
  private static void assertNoEngineText(ResponseEntity<String> answer) {
    JsonNode body;
    try {
      body = JSON.readTree(answer.getBody());
    } catch (Exception notJson) {
      throw new AssertionError("not JSON: " + answer.getBody(), notJson);
    }
    String message = body.path("message").asText() + " " + body.path("detail").asText();
    assertThat(message.isBlank()).as(answer.getBody()).isFalse();
    for (String text : ENGINE_TEXT) {
      assertThat(message).as("the message names no class").doesNotContain(text);
    }
  }
}
