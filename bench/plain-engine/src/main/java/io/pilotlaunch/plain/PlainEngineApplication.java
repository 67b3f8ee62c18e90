package io.pilotlaunch.plain;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The benchmark's baseline: Camunda 7.24 as its starter configures it, the REST API, one process
 * of plain user tasks ({@code bpmn/PlainProcess.bpmn}). With {@code plain.auth=true}: authorization
 * on, HTTP Basic on /engine-rest (Camunda's own filter), and one non-admin user whose group holds
 * only what starting the process and working its tasks needs. Nothing else.
 */
@SpringBootApplication
public class PlainEngineApplication {

  static final String PROCESS = "PlainProcess";
  private static final Logger LOG = LoggerFactory.getLogger(PlainEngineApplication.class);

  public static void main(String[] args) {
    SpringApplication.run(PlainEngineApplication.class, args);
  }

  /** Camunda's documented way to require Basic auth on the REST API. */
  @Bean
  @ConditionalOnProperty(name = "plain.auth", havingValue = "true")
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthOnRest() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setInitParameters(
        Map.of("authentication-provider", HttpBasicAuthenticationProvider.class.getName()));
    return registration;
  }

  /**
   * The user and its group, with grants to read and start the process. Its tasks it may read and
   * work through the engine's default authorizations for a candidate group (created per task).
   */
  @EventListener(ApplicationReadyEvent.class)
  public void createUser() {
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId(user).count() > 0) {
      return;
    }
    identity.saveGroup(identity.newGroup(group));
    User newUser = identity.newUser(user);
    newUser.setPassword(password);
    identity.saveUser(newUser);
    identity.createMembership(user, group);
    AuthorizationService authorizations = engine.getAuthorizationService();
    // READ_INSTANCE and DELETE_INSTANCE only so the benchmark can end, between sizes, the
    // instances it started; a permission is a bit of this one row, so no measured query changes.
    grant(authorizations, Resources.PROCESS_DEFINITION, PROCESS, Permissions.READ,
        Permissions.CREATE_INSTANCE, Permissions.READ_INSTANCE, Permissions.DELETE_INSTANCE);
    grant(authorizations, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    LOG.info("User {} in group {} may start {} and work its tasks", user, group, PROCESS);
  }

  private void grant(
      AuthorizationService authorizations, Resource resource, String id, Permission... granted) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(resource);
    grant.setResourceId(id);
    for (Permission permission : granted) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }

  private final ProcessEngine engine;

  PlainEngineApplication(ProcessEngine engine) {
    this.engine = engine;
  }

  @Value("${plain.user}")
  private String user;

  @Value("${plain.group}")
  private String group;

  @Value("${plain.password}")
  private String password;
}
