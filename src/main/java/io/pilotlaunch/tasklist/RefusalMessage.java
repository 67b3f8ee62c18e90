package io.pilotlaunch.tasklist;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST API puts its own words and an internal id before the reason a start or a task form
 * was refused ("Cannot instantiate process definition MvpPilotLaunch:3:9f1c…: ", "Cannot submit
 * task form 25bb0c1d-…: "), and Tasklist shows the message as it is. The reason is ours (the guards
 * and the start rules say it in the form's words) and says all a person needs; the prefix goes, on
 * /engine-rest and on the webapps' API alike. Nothing else of the answer changes.
 */
public class RefusalMessage extends OncePerRequestFilter {

  private static final Pattern START_OR_SUBMIT =
      Pattern.compile(
          ".*/(process-definition/.+/(start|submit-form)|task/[^/]+/(complete|submit-form|resolve))/?");

  private static final Pattern CAMUNDA_PREFIX =
      Pattern.compile(
          "^Cannot (instantiate process definition|submit task form|complete task|resolve task)"
              + " \\S+: ");

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    return !"POST".equals(request.getMethod()) || !START_OR_SUBMIT.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() >= 400) {
      byte[] reworded = withoutPrefix(answer.getContentAsByteArray());
      if (reworded != null) {
        answer.resetBuffer();
        answer.getOutputStream().write(reworded);
      }
    }
    answer.copyBodyToResponse();
  }

  /** The body with the message's prefix removed, or null when it has none. */
  private byte[] withoutPrefix(byte[] body) throws IOException {
    try {
      JsonNode error = json.readTree(body);
      if (error instanceof ObjectNode object && object.path("message").isTextual()) {
        String message = object.get("message").asText();
        String reason = CAMUNDA_PREFIX.matcher(message).replaceFirst("");
        if (!reason.equals(message)) {
          object.put("message", reason);
          return json.writeValueAsBytes(object);
        }
      }
    } catch (JacksonException notJson) {
      // answered as it was
    }
    return null;
  }
}
