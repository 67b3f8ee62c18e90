package io.pilotlaunch.engineguards;

import io.pilotlaunch.authentication.LoginCache;
import io.pilotlaunch.authentication.LoginThrottle;
import io.pilotlaunch.authentication.PasswordRules;
import io.pilotlaunch.authentication.Pbkdf2PasswordEncryptor;
import io.pilotlaunch.authentication.ThrottledIdentityProvider;
import io.pilotlaunch.process.ConfigurationLists;
import io.pilotlaunch.teams.Team;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts the guards into the engine, where every entry point passes: /engine-rest, the webapps' API
 * and Java calls alike. See SECURITY.md for what each one closes.
 */
@Component
class EngineGuards extends AbstractProcessEnginePlugin {

  private final LoginThrottle loginThrottle;
  private final LoginCache loginCache;
  private final PasswordRules passwords;
  private final int commentLength;
  private final int maxResults;
  private final Set<String> demoAccounts;
  private final List<FormOptions> formOptions;

  EngineGuards(
      LoginThrottle loginThrottle,
      LoginCache loginCache,
      PasswordRules passwords,
      @Value("${pilot.limits.comment-length}") int commentLength,
      @Value("${pilot.limits.max-results}") int maxResults,
      @Value("${pilot.demo-users:false}") boolean demoUsers,
      @Value("${camunda.bpm.admin-user.id:}") String adminUserId,
      List<FormOptions> formOptions) {
    this.loginThrottle = loginThrottle;
    this.loginCache = loginCache;
    this.passwords = passwords;
    this.commentLength = commentLength;
    this.maxResults = maxResults;
    this.demoAccounts = demoUsers ? demoAccounts(adminUserId) : Set.of();
    this.formOptions = formOptions;
  }

  private static Set<String> demoAccounts(String adminUserId) {
    Set<String> accounts = new HashSet<>();
    Arrays.stream(Team.values()).map(Team::demoUserId).forEach(accounts::add);
    accounts.add(adminUserId);
    return Set.copyOf(accounts);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        ConfigurationLists.withAdded(
            configuration.getCustomPreCommandInterceptorsTxRequired(),
            // these two see identity commands as sent, before the allow-list wraps them
            new PasswordGuard(passwords, demoAccounts),
            loginCache.forgetOnIdentityChanges(),
            new CommandAllowList(configuration, commentLength, maxResults),
            new QueryExpressionGuard(),
            new TaskInputGuard(configuration, formOptions),
            new ClaimGuard()));
    configuration.setEnablePasswordPolicy(true);
    configuration.setPasswordPolicy(passwords.asCamundaPolicy());
    // Camunda still reads the SHA-512 hashes written before; each is replaced at the next login
    configuration.setPasswordEncryptor(new Pbkdf2PasswordEncryptor(passwords.hashIterations()));
    configuration.setIdentityProviderSessionFactory(
        new ThrottledIdentityProvider.Factory(loginThrottle));
  }
}
