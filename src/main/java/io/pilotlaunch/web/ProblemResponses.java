package io.pilotlaunch.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.resilience.DatabaseTrouble;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * RFC 9457 problem documents written by servlet filters, which run before Spring MVC's handlers.
 */
public final class ProblemResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemResponses() {}

  public static void unauthorized(
      HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Basic realm=\"pilot-launch\", charset=\"UTF-8\"");
    write(request, response, HttpStatus.UNAUTHORIZED, detail);
  }

  /** The database could not serve the request: 503, why, and when to try again. */
  public static void databaseTrouble(
      HttpServletRequest request, HttpServletResponse response, DatabaseTrouble trouble)
      throws IOException {
    response.setHeader("Retry-After", trouble.retryAfterSeconds());
    write(request, response, HttpStatus.SERVICE_UNAVAILABLE, trouble.detail());
  }

  public static void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
