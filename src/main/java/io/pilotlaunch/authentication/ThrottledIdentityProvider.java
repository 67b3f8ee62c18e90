package io.pilotlaunch.authentication;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camunda's user store with our login throttle instead of Camunda's lockout. Camunda locks the
 * account, whoever failed: a stranger's wrong password refuses the owner's right one, and a few
 * more lock it for good. The throttle counts failures per client address and user instead, so the
 * one who guesses is slowed and the owner, elsewhere, is not; nothing is ever locked for good.
 *
 * <p>A right password whose hash is of an older kind than {@link Pbkdf2PasswordEncryptor}'s is
 * hashed again after the login, in a transaction of its own: the login never fails for it.
 */
public final class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private static final Logger log = LoggerFactory.getLogger(ThrottledIdentityProvider.class);
  private static final String CURRENT_HASH = "{" + Pbkdf2PasswordEncryptor.ALGORITHM + "}";

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
    } else if (user.getPassword() != null && !user.getPassword().startsWith(CURRENT_HASH)) {
      rehashAfterLogin(userId, user.getPassword(), password);
    }
    return valid;
  }

  private static void rehashAfterLogin(String userId, String oldHash, String password) {
    Context.getCommandContext()
        .getTransactionContext()
        .addTransactionListener(
            TransactionState.COMMITTED,
            committed -> {
              try {
                committed
                    .getProcessEngineConfiguration()
                    .getCommandExecutorTxRequiresNew()
                    .execute(
                        context -> {
                          rehash(context, userId, oldHash, password);
                          return null;
                        });
              } catch (OptimisticLockingException concurrentLogin) {
                log.debug("The password of '{}' was re-hashed by a concurrent login", userId);
              } catch (RuntimeException e) {
                log.warn("The password of '{}' could not be re-hashed: {}", userId, e.toString());
              }
            });
  }

  private static void rehash(
      CommandContext context, String userId, String oldHash, String password) {
    UserEntity user = context.getDbEntityManager().selectById(UserEntity.class, userId);
    if (user != null && oldHash.equals(user.getPassword())) {
      user.setPassword(password);
      user.encryptPassword(); // flushed with this command, guarded by the user's revision
    }
  }

  /** Opens one provider per command context, as Camunda's own factory does. */
  public record Factory(LoginThrottle throttle) implements SessionFactory {
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
