package io.pilotlaunch.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Opens the pull request (GitLab: merge request) from the milestone's branch to its target through
 * the host's documented REST API. One that is open already for that branch and target is what was
 * wanted, not an error: GitHub answers it with 422 "A pull request already exists", GitLab with 409
 * "Another open merge request already exists", Gitea with 409 (older versions 422) "pull request
 * already exists for these targets".
 */
final class PullRequests {

  /** The pull request's address, or {@link #ALREADY_OPEN}. */
  static final String ALREADY_OPEN = "already open";

  private final RestClient client;
  private final ObjectMapper json = new ObjectMapper();

  PullRequests(Duration timeout) {
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    requests.setReadTimeout(timeout);
    this.client = RestClient.builder().requestFactory(requests).build();
  }

  /** Opens it; returns its address, or {@link #ALREADY_OPEN}. Fails on any other answer. */
  String open(WriteBackSettings.Resolved target, String title, String body) {
    GitHost host = target.host().orElseThrow();
    String api = target.apiUrl().replaceAll("/+$", "");
    RestClient.RequestBodySpec request =
        switch (host) {
          case GITHUB ->
              client
                  .post()
                  .uri(api + "/repos/" + target.repository() + "/pulls")
                  .header("Authorization", "Bearer " + target.token())
                  .header("Accept", "application/vnd.github+json")
                  .header("X-GitHub-Api-Version", "2022-11-28")
                  .body(
                      Map.of(
                          "title",
                          title,
                          "head",
                          target.branch(),
                          "base",
                          target.target(),
                          "body",
                          body));
          case GITLAB ->
              client
                  .post()
                  // the project's path, URL-encoded as one path segment (group%2Fproject)
                  .uri(
                      java.net.URI.create(
                          api
                              + "/api/v4/projects/"
                              + URLEncoder.encode(target.repository(), StandardCharsets.UTF_8)
                              + "/merge_requests"))
                  .header("PRIVATE-TOKEN", target.token())
                  .body(
                      Map.of(
                          "source_branch",
                          target.branch(),
                          "target_branch",
                          target.target(),
                          "title",
                          title,
                          "description",
                          body));
          case GITEA ->
              client
                  .post()
                  .uri(api + "/api/v1/repos/" + target.repository() + "/pulls")
                  .header("Authorization", "token " + target.token())
                  .accept(MediaType.APPLICATION_JSON)
                  .body(
                      Map.of(
                          "head",
                          target.branch(),
                          "base",
                          target.target(),
                          "title",
                          title,
                          "body",
                          body));
        };
    return request
        .contentType(MediaType.APPLICATION_JSON)
        .exchange(
            (sent, response) -> {
              HttpStatusCode status = response.getStatusCode();
              String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
              if (status.value() == 201 || status.value() == 200) {
                return addressIn(answer, host);
              }
              if ((status.value() == 409 || status.value() == 422)
                  && answer.toLowerCase(java.util.Locale.ROOT).contains("already exists")) {
                return ALREADY_OPEN;
              }
              throw new IllegalStateException(
                  host.configName()
                      + " answered "
                      + status.value()
                      + " to the pull request from "
                      + target.branch()
                      + " to "
                      + target.target()
                      + ": "
                      + abbreviated(answer));
            });
  }

  /** GitHub and Gitea name the page html_url, GitLab web_url. */
  private String addressIn(String answer, GitHost host) throws IOException {
    JsonNode created = json.readTree(answer);
    String field = host == GitHost.GITLAB ? "web_url" : "html_url";
    String address = created.path(field).asText("");
    if (address.isEmpty()) {
      throw new IllegalStateException(
          host.configName()
              + " created the pull request but named no "
              + field
              + ": "
              + abbreviated(answer));
    }
    return address;
  }

  private static String abbreviated(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 299) + "…";
  }
}
