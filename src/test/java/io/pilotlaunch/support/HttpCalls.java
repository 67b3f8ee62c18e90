package io.pilotlaunch.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Real HTTP against the running app, as an integrator's client calls it: Spring's RestClient with a
 * base URL and the caller's credentials. Every status is an answer to assert on, not an exception,
 * and paths go out exactly as spelled ({@code ;x=y}, {@code %74ask}, {@code //}).
 */
public final class HttpCalls {

  private static final RestClient CLIENT = client(HttpClient.newHttpClient());

  private final RestClient client;
  private final String baseUrl;
  private final Map<String, String> headers;

  public HttpCalls(String baseUrl) {
    this(CLIENT, baseUrl, Map.of());
  }

  HttpCalls(RestClient client, String baseUrl, Map<String, String> headers) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.headers = headers;
  }

  /** A RestClient for these tests: every status an answer, a 30 s limit per call. */
  static RestClient client(HttpClient http) {
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(Duration.ofSeconds(30));
    return RestClient.builder()
        .requestFactory(factory)
        .defaultStatusHandler(status -> true, (request, response) -> {})
        .build();
  }

  public HttpCalls as(String userId, String password) {
    return withHeader(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** The same calls with one more header on every request, e.g. what a proxy adds. */
  public HttpCalls withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpCalls(client, baseUrl, more);
  }

  public ResponseEntity<String> get(String path) {
    return send("GET", path, null, null);
  }

  public ResponseEntity<String> get(String path, String accept) {
    return send("GET", path, null, null, "Accept", accept);
  }

  public ResponseEntity<String> postJson(String path, String json) {
    return send("POST", path, "application/json", json);
  }

  public ResponseEntity<String> post(
      String path, String contentType, String body, String... headers) {
    return send("POST", path, contentType, body, headers);
  }

  public ResponseEntity<String> putJson(String path, String json) {
    return send("PUT", path, "application/json", json);
  }

  public ResponseEntity<String> delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** Any method, with or without a JSON body: for HEAD, OPTIONS and the odd spellings of a path. */
  public ResponseEntity<String> send(String method, String path, String json) {
    return send(method, path, json == null ? null : "application/json", json);
  }

  private ResponseEntity<String> send(
      String method, String path, String contentType, String body, String... extraHeaders) {
    RestClient.RequestBodySpec request =
        client
            .method(HttpMethod.valueOf(method))
            .uri(URI.create(baseUrl + path))
            .headers(
                h -> {
                  h.set("Accept", "application/json");
                  headers.forEach(h::set);
                  for (int i = 0; i < extraHeaders.length; i += 2) {
                    h.set(extraHeaders[i], extraHeaders[i + 1]);
                  }
                  if (contentType != null) {
                    h.set("Content-Type", contentType);
                  }
                });
    if (body != null) {
      request.body(body);
    }
    return request.retrieve().toEntity(String.class);
  }
}
