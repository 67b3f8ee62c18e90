package io.pilotlaunch.onboarding;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for a pilot tenant's own health endpoint in the demo environment, so the demo onboards
 * a tenant with no network. Off unless {@code pilot.demo-tenant-health} is on.
 */
@RestController
@ConditionalOnProperty(name = "pilot.demo-tenant-health", havingValue = "true")
class DemoTenantHealthController {

  @GetMapping("/demo-tenants/{tenantId}/health")
  Map<String, String> health(@PathVariable String tenantId) {
    return Map.of("status", "UP", "tenant", tenantId);
  }
}
