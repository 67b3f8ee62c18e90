package io.pilotlaunch.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects task queries that carry an expression ({@code ${...}} or {@code #{...}}) anywhere:
 * in a parameter, or in any string of a JSON body, {@code orQueries} included.
 *
 * <p>Camunda 7.24 Community evaluates such expressions when they arrive nested in
 * {@code orQueries}, although ad-hoc query expressions are switched off; only paid patches fix
 * that. Stored filters (created by admins) keep their expressions, such as
 * {@code ${currentUser()}}: executing a filter is safe, extending it with an expression is not.
 */
class TaskQueryExpressionFilter extends OncePerRequestFilter {

  /** Task queries of the REST API, as served at /engine-rest and to the webapps. */
  private static final Pattern TASK_QUERY = Pattern.compile(
      ".*/(task|task/count|history/task|history/task/count|filter/[^/]+/(list|count|singleResult))/?$");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !TASK_QUERY.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      for (String value : parameter.getValue()) {
        if (EXPRESSION.matcher(value).find()) {
          reject(request, response, parameter.getKey());
          return;
        }
      }
    }
    byte[] body = request.getInputStream().readAllBytes();
    String field = fieldWithExpression(body);
    if (field != null) {
      reject(request, response, field);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static void reject(HttpServletRequest request, HttpServletResponse response, String field)
      throws IOException {
    ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
        "Expressions are not allowed in task queries (found in '" + field + "').");
  }

  /** @return the name of a JSON field whose string value holds an expression, or null */
  private static String fieldWithExpression(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return fieldWithExpression("body", JSON.readTree(body));
    } catch (JsonProcessingException notJson) {
      // The REST API rejects what it cannot parse; only the raw text can still smuggle an expression.
      return EXPRESSION.matcher(new String(body, StandardCharsets.UTF_8)).find() ? "body" : null;
    } catch (IOException unreadable) {
      return "body";
    }
  }

  private static String fieldWithExpression(String name, JsonNode node) {
    if (node.isTextual()) {
      return EXPRESSION.matcher(node.textValue()).find() ? name : null;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String found = EXPRESSION.matcher(field.getKey()).find() ? field.getKey()
          : fieldWithExpression(field.getKey(), field.getValue());
      if (found != null) {
        return found;
      }
    }
    for (JsonNode element : node.isArray() ? node : JSON.createArrayNode()) {
      String found = fieldWithExpression(name, element);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Serves the body that this filter has already read. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
