package io.pilotlaunch.security;

import io.pilotlaunch.teams.Team;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start outside the demo profile when the admin password is missing or one of the demo
 * passwords, and refuses the demo profile on PostgreSQL. Runs as a bean factory post-processor:
 * before any bean, so before the engine could create an admin with that password.
 */
public class AdminPasswordGuard implements BeanFactoryPostProcessor, EnvironmentAware {

  static final String DEMO_PROFILE = "demo";
  static final String POSTGRES_PROFILE = "postgres";
  static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
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
    if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
      if (environment.acceptsProfiles(Profiles.of(POSTGRES_PROFILE))) {
        // the demo's admin demo/demo and its users would silently win over PILOT_ADMIN_PASSWORD
        throw new InsecureConfigurationException(
            "The demo profile cannot run with the postgres profile: the demo's users and its admin"
                + " demo/demo would be created in a real database. Activate postgres alone.");
      }
      return;
    }
    String password = environment.getProperty(ADMIN_PASSWORD, "");
    if (password.isBlank()) {
      throw new InsecureConfigurationException(
          "The admin password is missing: set PILOT_ADMIN_PASSWORD (profiles "
              + Arrays.toString(environment.getActiveProfiles())
              + " are not the demo).");
    }
    if (DEMO_PASSWORDS.contains(password)) {
      throw new InsecureConfigurationException(
          "The admin password is a demo password: set PILOT_ADMIN_PASSWORD to a secret of your own.");
    }
  }
}
