package io.pilotlaunch.authentication;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address of the client the current thread serves, for the login throttle, which runs inside
 * the engine's password check and cannot see the request. Behind a TLS proxy it is the address the
 * proxy forwarded (server.forward-headers-strategy), not the proxy's.
 */
final class ClientAddress extends OncePerRequestFilter {

  /** Password checks outside an HTTP request: Java callers in this JVM. */
  static final String IN_PROCESS = "in-process";

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  static String current() {
    String address = CURRENT.get();
    return address == null ? IN_PROCESS : address;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    CURRENT.set(request.getRemoteAddr());
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
    }
  }
}
