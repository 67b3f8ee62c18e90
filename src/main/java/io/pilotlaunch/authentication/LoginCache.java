package io.pilotlaunch.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.cmd.CreateMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteGroupCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantGroupMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTenantUserMembershipCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteUserCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers a successful HTTP Basic login, with the caller's groups and tenants, for a short while:
 * every request of an integrator would otherwise hash the password again and load its groups and
 * tenants. Only successes are kept, under a digest of the password, never the password. Any change
 * of a user, a group, a tenant or a membership through this node clears it; other nodes see such a
 * change within the time to live.
 */
@Component
public class LoginCache {

  /** The engine commands after which a remembered login may be wrong. */
  private static final Set<Class<?>> IDENTITY_CHANGES =
      Set.of(
          SaveUserCmd.class,
          DeleteUserCmd.class,
          DeleteGroupCmd.class,
          CreateMembershipCmd.class,
          DeleteMembershipCmd.class,
          DeleteTenantCmd.class,
          CreateTenantUserMembershipCmd.class,
          CreateTenantGroupMembershipCmd.class,
          DeleteTenantUserMembershipCmd.class,
          DeleteTenantGroupMembershipCmd.class);

  private final Cache<String, Authentication> logins;

  LoginCache(@Value("${pilot.login.cache-ttl:PT30S}") Duration timeToLive) {
    this.logins = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(timeToLive).build();
  }

  Optional<Authentication> find(String userId, String password) {
    return Optional.ofNullable(logins.getIfPresent(key(userId, password)));
  }

  void remember(String userId, String password, Authentication authentication) {
    logins.put(key(userId, password), authentication);
  }

  /** Clears the cache after every command that changes who someone is or what they belong to. */
  public CommandInterceptor forgetOnIdentityChanges() {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        T result = next.execute(command);
        if (IDENTITY_CHANGES.contains(command.getClass())) {
          logins.invalidateAll();
        }
        return result;
      }
    };
  }

  private static String key(String userId, String password) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(userId.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      return HexFormat.of().formatHex(sha256.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
