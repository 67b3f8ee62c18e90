package io.pilotlaunch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthorizationRows} answers every check it takes as Camunda's own statement ({@code
 * isUserAuthorizedForResource}, revoke checks off) does: both asked the same random checks over the
 * same random grants, in one engine (engine only, H2, authorization on).
 */
class AuthorizationRowsTest {

  private static final List<String> USERS = List.of("ann", "bob", "cid");
  private static final List<String> GROUPS = List.of("team-a", "team-b", "team-c");
  private static final List<String> TASKS = List.of("task-1", "task-2");
  private static final List<String> DEFINITIONS = List.of("pilot", "enhancements");
  private static final List<Permission> TASK_PERMISSIONS =
      List.of(
          Permissions.READ,
          Permissions.UPDATE,
          TaskPermissions.TASK_WORK,
          TaskPermissions.READ_VARIABLE,
          Permissions.ALL);
  private static final List<Permission> DEFINITION_PERMISSIONS =
      List.of(
          Permissions.READ,
          ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.UPDATE_TASK,
          ProcessDefinitionPermissions.TASK_WORK,
          Permissions.ALL);

  private static ProcessEngine engine;
  private static ProcessEngineConfigurationImpl configuration;

  @BeforeAll
  static void buildEngine() {
    configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration
        .setProcessEngineName("authorization-rows")
        .setJdbcUrl("jdbc:h2:mem:authorization-rows;DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate("create-drop")
        .setJobExecutorActivate(false)
        .setAuthorizationEnabled(true);
    configuration.setAuthorizationCheckRevokes(
        ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_NEVER);
    configuration.setProcessEnginePlugins(List.of(new EngineAuthorizationManager()));
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @Test
  void answersAsCamundasStatementOnRandomGrantsAndChecks() {
    Random random = new Random(20261203);
    int compared = 0;
    int granted = 0;
    for (int round = 0; round < 60; round++) {
      grantAtRandom(random);
      for (int question = 0; question < 40; question++) {
        String userId = random.nextInt(8) == 0 ? null : pick(random, USERS);
        List<String> groupIds = someOf(random, List.of("team-a", "team-b", "team-c", "no-grants"));
        CompositePermissionCheck check = checkAtRandom(random);
        boolean camunda =
            configuration
                .getCommandExecutorTxRequired()
                .execute(
                    context ->
                        context
                            .getDbEntityManager()
                            .selectBoolean(
                                "isUserAuthorizedForResource",
                                new AuthorizationCheck(userId, groupIds, check, false)));
        boolean ours =
            configuration
                .getCommandExecutorTxRequired()
                .execute(
                    (CommandContext context) ->
                        context.getAuthorizationManager().isAuthorized(userId, groupIds, check));
        assertThat(ours)
            .as("round %d, question %d: %s", round, question, describe(userId, groupIds, check))
            .isEqualTo(camunda);
        compared++;
        granted += camunda ? 1 : 0;
      }
    }
    // the comparison means something only if both answers occurred often
    assertThat(granted).isBetween(compared / 10, compared - compared / 10);
  }

  @Test
  void checksItDoesNotTakeGoToCamundasStatement() {
    CompositePermissionCheck conjunctive = new CompositePermissionCheck(false);
    conjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.READ, null));
    conjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.UPDATE, null));
    assertThat(AuthorizationRows.answers(conjunctive)).isFalse();

    CompositePermissionCheck nested = new CompositePermissionCheck(true);
    nested.addCompositeCheck(conjunctive);
    assertThat(AuthorizationRows.answers(nested)).isFalse();

    CompositePermissionCheck fromQuery = new CompositePermissionCheck(true);
    PermissionCheck column = atomic(Resources.TASK, null, Permissions.READ, null);
    column.setResourceIdQueryParam("RES.ID_");
    fromQuery.addAtomicCheck(column);
    assertThat(AuthorizationRows.answers(fromQuery)).isFalse();

    CompositePermissionCheck disjunctive = new CompositePermissionCheck(true);
    disjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.READ, null));
    disjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.UPDATE, null));
    assertThat(AuthorizationRows.answers(disjunctive)).isTrue();
  }

  private static void grantAtRandom(Random random) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    authorizations
        .createAuthorizationQuery()
        .list()
        .forEach(authorization -> authorizations.deleteAuthorization(authorization.getId()));
    Set<String> taken = new HashSet<>();
    int count = random.nextInt(10);
    for (int i = 0; i < count; i++) {
      int type =
          random.nextInt(5) == 0 ? Authorization.AUTH_TYPE_GLOBAL : Authorization.AUTH_TYPE_GRANT;
      boolean ofGroup = type == Authorization.AUTH_TYPE_GRANT && random.nextBoolean();
      String who =
          type == Authorization.AUTH_TYPE_GLOBAL
              ? Authorization.ANY
              : ofGroup ? pick(random, GROUPS) : pick(random, USERS);
      boolean task = random.nextBoolean();
      String resourceId =
          random.nextInt(4) == 0 ? Authorization.ANY : pick(random, task ? TASKS : DEFINITIONS);
      if (!taken.add(type + "/" + ofGroup + "/" + who + "/" + task + "/" + resourceId)) {
        continue; // one authorization per who and resource
      }
      Authorization authorization = authorizations.createNewAuthorization(type);
      if (ofGroup) {
        authorization.setGroupId(who);
      } else {
        authorization.setUserId(who);
      }
      authorization.setResource(task ? Resources.TASK : Resources.PROCESS_DEFINITION);
      authorization.setResourceId(resourceId);
      List<Permission> permissions = task ? TASK_PERMISSIONS : DEFINITION_PERMISSIONS;
      for (int p = 1 + random.nextInt(2); p > 0; p--) {
        authorization.addPermission(pick(random, permissions));
      }
      authorizations.saveAuthorization(authorization);
    }
  }

  private static CompositePermissionCheck checkAtRandom(Random random) {
    CompositePermissionCheck check = new CompositePermissionCheck(true);
    for (int i = 1 + random.nextInt(4); i > 0; i--) {
      boolean task = random.nextBoolean();
      int which = random.nextInt(6);
      String resourceId =
          which == 0
              ? null
              : which == 1 ? Authorization.ANY : pick(random, task ? TASKS : DEFINITIONS);
      Long notFound = random.nextInt(6) == 0 ? (long) random.nextInt(2) : null;
      check.addAtomicCheck(
          atomic(
              task ? Resources.TASK : Resources.PROCESS_DEFINITION,
              resourceId,
              pick(random, task ? TASK_PERMISSIONS : DEFINITION_PERMISSIONS),
              notFound));
    }
    return check;
  }

  private static PermissionCheck atomic(
      Resource resource, String resourceId, Permission permission, Long notFound) {
    PermissionCheck check = new PermissionCheck();
    check.setResource(resource);
    check.setResourceId(resourceId);
    check.setPermission(permission);
    check.setAuthorizationNotFoundReturnValue(notFound);
    return check;
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static List<String> someOf(Random random, List<String> from) {
    List<String> some = new ArrayList<>();
    from.stream().filter(any -> random.nextInt(3) == 0).forEach(some::add);
    return some;
  }

  private static String describe(
      String userId, List<String> groupIds, CompositePermissionCheck check) {
    StringBuilder text = new StringBuilder(userId + " " + groupIds + " any of");
    for (PermissionCheck atomic : check.getAtomicChecks()) {
      text.append(
          String.format(
              " [%s %s %s, not found %s]",
              atomic.getPermission().getName(),
              atomic.getResource().resourceName(),
              atomic.getResourceId(),
              atomic.getAuthorizationNotFoundReturnValue()));
    }
    return text + " over " + engine.getAuthorizationService().createAuthorizationQuery().list();
  }
}
