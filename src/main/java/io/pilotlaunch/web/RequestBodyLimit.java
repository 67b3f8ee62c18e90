package io.pilotlaunch.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No request body larger than {@code pilot.limits.request-body} reaches the app: 413, and nothing
 * is read beyond the limit. A body that declares its length is refused on that declaration; a body
 * sent in chunks is read up to the limit and refused when it goes on.
 */
public final class RequestBodyLimit extends OncePerRequestFilter {

  private final long limit;

  public RequestBodyLimit(DataSize limit) {
    this.limit = limit.toBytes();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response, declared + " bytes");
      return;
    }
    if (declared >= 0 || !isChunked(request)) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
    if (body.length > limit) {
      refuse(request, response, "more than " + limit + " bytes");
      return;
    }
    chain.doFilter(new RequestWithBody(request, body), response);
  }

  private static boolean isChunked(HttpServletRequest request) {
    String encoding = request.getHeader("Transfer-Encoding");
    return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String size)
      throws IOException {
    response.setHeader("Connection", "close");
    ProblemResponses.write(
        request,
        response,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "The request body has "
            + size
            + "; at most "
            + limit
            + " bytes are accepted. Link large documents instead of sending them.");
  }
}
