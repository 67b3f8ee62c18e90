package io.pilotlaunch.authentication;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an integrator check its credentials and see which teams and tenants they grant. */
@RestController
class CurrentUserController {

  record CurrentUser(String userId, List<String> groups, List<String> tenants) {}

  private final IdentityService identityService;

  CurrentUserController(IdentityService identityService) {
    this.identityService = identityService;
  }

  @GetMapping("/api/me")
  CurrentUser me() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return new CurrentUser(
        authentication.getUserId(), authentication.getGroupIds(), authentication.getTenantIds());
  }
}
