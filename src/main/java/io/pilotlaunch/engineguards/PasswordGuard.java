package io.pilotlaunch.engineguards;

import io.pilotlaunch.authentication.PasswordRules;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Every new password meets {@link PasswordRules}, whoever sets it (a user, an admin, the start-up),
 * and a refusal says what the password lacks (400) instead of Camunda's "Password does not match
 * policy" (500). Only the demo profile's known accounts are created with their known passwords.
 */
final class PasswordGuard extends CommandInterceptor {

  private final PasswordRules rules;
  private final Set<String> demoAccounts;

  /**
   * @param demoAccounts the users the demo creates with password = user id: exempt when they are
   *     created, never when they change their password
   */
  PasswordGuard(PasswordRules rules, Set<String> demoAccounts) {
    this.rules = rules;
    this.demoAccounts = demoAccounts;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null || !(command instanceof SaveUserCmd)) {
      return next.execute(command);
    }
    User user = EngineInternals.field(command, "user", User.class);
    boolean skip = EngineInternals.field(command, "skipPasswordPolicy", Boolean.class);
    if (!(user instanceof UserEntity entity) || !entity.hasNewPassword() || skip) {
      return next.execute(command);
    }
    if (entity.getRevision() == 0 && demoAccounts.contains(entity.getId())) {
      return (T) next.execute(new SaveUserCmd(user, true));
    }
    List<String> unmet =
        rules.unmet(EngineInternals.field(entity, "newPassword", String.class), user);
    if (!unmet.isEmpty()) {
      throw new InputRefused(PasswordRules.refusal(unmet) + " Nothing was changed.");
    }
    return next.execute(command);
  }
}
