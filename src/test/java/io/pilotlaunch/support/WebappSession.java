package io.pilotlaunch.support;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * A user logged in to the Camunda webapps, calling their own API ({@code /camunda/api/...}) the way
 * Tasklist and Cockpit do: session cookie plus the CSRF token header.
 */
public final class WebappSession {

  private final CookieManager cookies = new CookieManager();
  private final HttpCalls http;

  private WebappSession(String baseUrl) {
    this.http =
        new HttpCalls(
            HttpCalls.client(HttpClient.newBuilder().cookieHandler(cookies).build()),
            baseUrl,
            Map.of());
  }

  /** Logs in to Tasklist; fails unless the webapps accept the credentials. */
  public static WebappSession logIn(String baseUrl, String userId, String password) {
    WebappSession session = new WebappSession(baseUrl);
    session.http.get("/camunda/app/tasklist/default/", "text/html");
    ResponseEntity<String> login =
        session
            .calls()
            .post(
                "/camunda/api/admin/auth/user/default/login/tasklist",
                "application/x-www-form-urlencoded",
                "username=" + encode(userId) + "&password=" + encode(password));
    if (login.getStatusCode().value() != 200) {
      throw new AssertionError(
          "Webapp login of "
              + userId
              + " failed: "
              + login.getStatusCode()
              + " "
              + login.getBody());
    }
    // The login renews the session, and the first request after it hands out the session's CSRF
    // token.
    session.http.get("/camunda/api/admin/auth/user/default");
    return session;
  }

  /**
   * A call to the webapps' engine API, e.g. {@code engine/default/task}, under
   * /camunda/api/engine/.
   */
  public ResponseEntity<String> send(String method, String path, String json) {
    return calls().send(method, path, json);
  }

  /** A GET on this session, as a browser or a script sends it: e.g. a page with text/html. */
  public ResponseEntity<String> get(String path, String accept) {
    return calls().get(path, accept);
  }

  /** An HTML form posted on this session. */
  public ResponseEntity<String> postForm(String path, String form) {
    return calls().post(path, "application/x-www-form-urlencoded", form, "Accept", "text/html");
  }

  /** The calls of this session, with the CSRF token it holds now. */
  private HttpCalls calls() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .map(token -> http.withHeader("X-XSRF-TOKEN", token))
        .orElse(http);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
