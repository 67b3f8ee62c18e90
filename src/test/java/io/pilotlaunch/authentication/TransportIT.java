package io.pilotlaunch.authentication;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * What the app tells whom: the API description only to users who log in, and behind a TLS proxy the
 * session cookie only over TLS; only that proxy may say the connection was TLS.
 */
class TransportIT extends PostgresIntegrationTest {

  @Test
  void theApiDescriptionAndItsUiNeedCredentialsHoweverSpelled() {
    String qaUser = users.memberOf(Team.QA_TESTING, "transport-qa");
    HttpCalls qa = http().as(qaUser, passwordOf(qaUser));

    for (String path :
        List.of(
            "/v3/api-docs",
            "/v3/api-docs.yaml",
            "/v3/api-docs/swagger-config",
            "/v3/api-docs;x=y",
            "/v3//api-docs",
            "/%763/api-docs",
            "/swagger-ui/index.html",
            "/swagger-ui.html",
            "/swagger-ui/swagger-ui.css",
            "/webjars/swagger-ui/index.html",
            "/actuator/metrics",
            "/actuator;x=y/prometheus",
            "/api/me;x=y")) {
      ResponseEntity<String> anonymous = http().get(path);
      assertThat(anonymous.getStatusCode().value())
          .as("anonymous GET " + path + ": " + anonymous.getBody())
          .isEqualTo(401);
    }
    assertThat(qa.get("/v3/api-docs.yaml", "application/vnd.oai.openapi").getStatusCode().value())
        .isEqualTo(200);
    assertThat(qa.get("/swagger-ui/index.html", "text/html").getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void behindATlsProxyTheSessionCookieIsSecure() throws Exception {
    String pmUser = users.memberOf(Team.PRODUCT_MANAGEMENT, "transport-pm");
    String body =
        "username="
            + URLEncoder.encode(pmUser, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(passwordOf(pmUser), StandardCharsets.UTF_8);

    HttpResponse<String> viaProxy = logIn(body, "https", trustedProxyPort());
    HttpResponse<String> direct = logIn(body, "http", port);
    HttpResponse<String> claimingTls = logIn(body, "https", port);

    assertThat(viaProxy.statusCode()).as(viaProxy.body()).isEqualTo(200);
    assertThat(viaProxy.headers().allValues("Set-Cookie"))
        .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("; Secure"));
    for (HttpResponse<String> notTls : List.of(direct, claimingTls)) {
      assertThat(notTls.headers().allValues("Set-Cookie"))
          .filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
          .isNotEmpty()
          .noneSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
    }
  }

  /**
   * Logs in to Tasklist as a browser behind the proxy would. The cookies are passed on by hand: a
   * client that honours "Secure" does not send them over this test's plain HTTP.
   */
  private HttpResponse<String> logIn(String form, String forwardedProto, int via) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String base = "http://localhost:" + via;
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/"))
                .header("X-Forwarded-Proto", forwardedProto)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> cookies =
        page.headers().allValues("Set-Cookie").stream()
            .map(cookie -> cookie.split(";", 2)[0])
            .toList();
    String csrfToken =
        cookies.stream()
            .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
            .findFirst()
            .orElseThrow()
            .substring("XSRF-TOKEN=".length());
    return client.send(
        HttpRequest.newBuilder(
                URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", String.join("; ", cookies))
            .header("X-XSRF-TOKEN", csrfToken)
            .header("X-Forwarded-Proto", forwardedProto)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
