package io.pilotlaunch.tasklist;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST API puts "Cannot instantiate process definition MvpPilotLaunch:3:9f1c…:" before
 * the reason a start was refused, and Tasklist shows it as it is. The reason is ours ("The pilot
 * was not started: …") and says all a person needs; the internal id goes.
 */
public class StartRefusalMessage extends OncePerRequestFilter {

  private static final Pattern START =
      Pattern.compile(".*/process-definition/.+/(start|submit-form)");

  private static final Pattern CAMUNDA_PREFIX =
      Pattern.compile("Cannot instantiate process definition \\S+: (?=The pilot was not started)");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    return !"POST".equals(request.getMethod()) || !START.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() >= 400) {
      String body = new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8);
      String reworded = CAMUNDA_PREFIX.matcher(body).replaceAll("");
      if (!reworded.equals(body)) {
        answer.resetBuffer();
        answer.getOutputStream().write(reworded.getBytes(StandardCharsets.UTF_8));
      }
    }
    answer.copyBodyToResponse();
  }
}
