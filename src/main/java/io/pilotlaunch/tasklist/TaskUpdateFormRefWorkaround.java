package io.pilotlaunch.tasklist;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlaunch.web.RequestWithBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda 7.24's REST API cannot read back the task it returns: {@code PUT /task/{id}} fails with
 * "Cannot construct instance of CamundaFormRef" for every task with a Camunda Form ({@code
 * camunda:formRef}), which are all of ours, so Tasklist's "Set due date" and "Set follow-up date"
 * always failed. The engine ignores the form reference on update anyway: this drops it from the
 * body, on /engine-rest and on the webapps' API alike. What a team may change is decided in the
 * engine (TaskInputGuard), not here.
 */
public class TaskUpdateFormRefWorkaround extends OncePerRequestFilter {

  private static final Pattern TASK_UPDATE = Pattern.compile(".*/task/[^/]+/?");
  private static final String FORM_REF = "camundaFormRef";

  /** A task is a few hundred bytes; a larger or unsized body is passed on as it came. */
  private static final long LARGEST_TASK = 64 * 1024;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    long length = request.getContentLengthLong();
    return !"PUT".equals(request.getMethod())
        || length < 0
        || length > LARGEST_TASK
        || !TASK_UPDATE.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    chain.doFilter(new RequestWithBody(request, withoutFormRef(body)), response);
  }

  private byte[] withoutFormRef(byte[] body) throws IOException {
    try {
      JsonNode task = json.readTree(body);
      if (task instanceof ObjectNode object && object.hasNonNull(FORM_REF)) {
        object.putNull(FORM_REF);
        return json.writeValueAsBytes(object);
      }
    } catch (JacksonException notJson) {
      // the REST API answers it as it would have
    }
    return body;
  }
}
