package io.pilotlaunch.authentication;

import java.util.List;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who the engine treats as an admin: trusted, and not checked by the guards. */
public final class Admins {

  private Admins() {}

  public static boolean includes(ProcessEngineConfigurationImpl engine, Authentication caller) {
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    return groups.contains(Groups.CAMUNDA_ADMIN)
        || (engine.getAdminUsers() != null && engine.getAdminUsers().contains(caller.getUserId()))
        || (engine.getAdminGroups() != null
            && groups.stream().anyMatch(engine.getAdminGroups()::contains));
  }
}
