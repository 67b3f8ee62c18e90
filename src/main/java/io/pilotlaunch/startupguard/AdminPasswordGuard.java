package io.pilotlaunch.startupguard;

import io.pilotlaunch.authentication.PasswordRules;
import io.pilotlaunch.teams.Team;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start with settings that would expose a real installation: the demo (its known users
 * and admin demo/demo) anywhere but on the embedded H2 database, demo users outside the demo, and
 * outside the demo an admin password that is missing, a demo password or too weak for {@link
 * PasswordRules}. Runs as a bean factory post-processor: before any bean, so before the engine
 * could create an admin with that password. Without a profile the app is not the demo.
 */
public class AdminPasswordGuard implements BeanFactoryPostProcessor, EnvironmentAware {

  static final String DEMO_PROFILE = "demo";
  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
  static final String DEMO_USERS = "pilot.demo-users";
  static final String DATASOURCE_URL = "spring.datasource.url";
  static final Set<String> DEMO_PASSWORDS =
      Stream.concat(Stream.of("demo"), Arrays.stream(Team.values()).map(Team::demoUserId))
          .collect(Collectors.toUnmodifiableSet());

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    boolean demo = environment.acceptsProfiles(Profiles.of(DEMO_PROFILE));
    String database = environment.getProperty(DATASOURCE_URL, "");
    if (demo) {
      if (!isEmbeddedH2(database)) {
        // the demo's admin demo/demo and its users would silently win over PILOT_ADMIN_PASSWORD
        throw new InsecureConfigurationException(
            "The demo profile runs on its embedded H2 database only: its users and its admin"
                + " demo/demo would be created in the database at "
                + withoutCredentials(database)
                + ". Run a real database with the postgres profile alone.");
      }
      return;
    }
    if (environment.getProperty(DEMO_USERS, Boolean.class, false)) {
      throw new InsecureConfigurationException(
          "pilot.demo-users creates users whose password is their name: it is for the demo"
              + " profile only. Remove PILOT_DEMO_USERS / pilot.demo-users.");
    }
    String password = environment.getProperty(ADMIN_PASSWORD, "");
    if (password.isBlank()) {
      throw new InsecureConfigurationException(
          "The admin password is missing: set PILOT_ADMIN_PASSWORD (profiles "
              + Arrays.toString(environment.getActiveProfiles())
              + " are not the demo; the demo runs with --spring.profiles.active=demo).");
    }
    if (DEMO_PASSWORDS.contains(password)) {
      throw new InsecureConfigurationException(
          "The admin password is a demo password: set PILOT_ADMIN_PASSWORD to a secret of your own.");
    }
    List<String> unmet = PasswordRules.of(environment).unmet(password, admin());
    if (!unmet.isEmpty()) {
      throw new InsecureConfigurationException(
          "The admin password (PILOT_ADMIN_PASSWORD) is too weak. "
              + PasswordRules.refusal(unmet)
              + " The rules are pilot.passwords.*.");
    }
  }

  /** The admin as the starter will create it: its password must not contain its id or name. */
  private UserEntity admin() {
    UserEntity admin = new UserEntity(environment.getProperty("camunda.bpm.admin-user.id", ""));
    admin.setFirstName(environment.getProperty("camunda.bpm.admin-user.first-name"));
    admin.setLastName(environment.getProperty("camunda.bpm.admin-user.last-name"));
    admin.setEmail(environment.getProperty("camunda.bpm.admin-user.email"));
    return admin;
  }

  /**
   * H2 in this process, in memory or in a file; an H2 server (tcp, ssl) may be shared like any
   * other database.
   */
  private static boolean isEmbeddedH2(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("jdbc:h2:")
        && !lower.startsWith("jdbc:h2:tcp:")
        && !lower.startsWith("jdbc:h2:ssl:");
  }

  private static String withoutCredentials(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
