package io.pilotlaunch.security;

import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's user store with our login throttle instead of Camunda's lockout. Camunda locks the
 * account, whoever failed: a stranger's wrong password refuses the owner's right one, and a few
 * more lock it for good. The throttle counts failures per client address and user instead, so the
 * one who guesses is slowed and the owner, elsewhere, is not; nothing is ever locked for good.
 */
final class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final LoginThrottle throttle;

  ThrottledIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    String client = ClientAddress.current();
    if (userId == null || throttle.refuses(client, userId)) {
      return false;
    }
    UserEntity user = findUserById(userId);
    boolean valid = user != null && password != null && matchPassword(password, user);
    if (!valid) {
      throttle.failed(client, userId);
    }
    return valid;
  }

  /** Opens one provider per command context, as Camunda's own factory does. */
  record Factory(LoginThrottle throttle) implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return ThrottledIdentityProvider.class;
    }

    @Override
    public Session openSession() {
      return new ThrottledIdentityProvider(throttle);
    }
  }
}
