package io.pilotlaunch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A user logged in to the Camunda webapps, calling their own API ({@code /camunda/api/...}) the way
 * Tasklist and Cockpit do: session cookie plus the CSRF token header.
 */
public final class WebappSession {

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private WebappSession(String baseUrl) {
    this.baseUrl = baseUrl;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Logs in to Tasklist; fails unless the webapps accept the credentials. */
  public static WebappSession logIn(String baseUrl, String userId, String password) {
    WebappSession session = new WebappSession(baseUrl);
    session.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/tasklist/default/")).GET());
    HttpResponse<String> login =
        session.send(
            session
                .request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + encode(userId) + "&password=" + encode(password))));
    if (login.statusCode() != 200) {
      throw new AssertionError(
          "Webapp login of " + userId + " failed: " + login.statusCode() + " " + login.body());
    }
    // The login renews the session, and the first request after it hands out the session's CSRF
    // token.
    session.send("GET", "/camunda/api/admin/auth/user/default", null);
    return session;
  }

  /**
   * A call to the webapps' engine API, e.g. {@code engine/default/task}, under
   * /camunda/api/engine/.
   */
  public HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder builder = request(path);
    if (json == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(builder);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
