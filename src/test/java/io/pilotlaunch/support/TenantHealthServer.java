package io.pilotlaunch.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health endpoints of the pilot tenants in the integration tests' environment "test", on a real
 * HTTP port of this machine: {@code /tenants/{tenant}/health}. A test can make a tenant unhealthy,
 * as an outage would, and healthy again.
 */
public final class TenantHealthServer {

  private static HttpServer server;
  private static final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

  private TenantHealthServer() {}

  public static synchronized String baseUrlPattern() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/tenants/",
          exchange -> {
            String tenant = exchange.getRequestURI().getPath().split("/")[2];
            boolean healthy = !unhealthy.contains(tenant);
            byte[] body =
                ("{\"status\":\"" + (healthy ? "UP" : "DOWN") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }
    return "http://localhost:" + server.getAddress().getPort() + "/tenants/{tenant}";
  }

  public static void makeUnhealthy(String tenantId) {
    unhealthy.add(tenantId);
  }

  public static void makeHealthy(String tenantId) {
    unhealthy.remove(tenantId);
  }
}
