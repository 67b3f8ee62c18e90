package io.pilotlaunch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link AuthorizationRows} answers every check it takes as Camunda's own statement ({@code
 * isUserAuthorizedForResource}, revoke checks off) does: both are asked the same random checks over
 * the same random authorizations, in one engine (engine only, authorization on). The grants mix
 * users, groups and global ones, revokes (which neither may count), a grant to the user "*", a user
 * named as a group, ids that differ only in case and an id on both resource types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationRowsContract {

  private static final List<String> USERS = List.of("ann", "team-a", "*");
  private static final List<String> GROUPS = List.of("team-a", "team-b", "ann");
  private static final List<String> TASKS = List.of("task-1", "Task-1", "shared");
  private static final List<String> DEFINITIONS = List.of("pilot", "shared");
  private static final List<Permission> TASK_PERMISSIONS =
      List.of(
          Permissions.NONE,
          Permissions.READ,
          Permissions.UPDATE,
          TaskPermissions.TASK_WORK,
          TaskPermissions.READ_VARIABLE,
          Permissions.ALL);
  private static final List<Permission> DEFINITION_PERMISSIONS =
      List.of(
          Permissions.NONE,
          Permissions.READ,
          ProcessDefinitionPermissions.READ_TASK,
          ProcessDefinitionPermissions.UPDATE_TASK,
          ProcessDefinitionPermissions.TASK_WORK,
          Permissions.ALL);

  private ProcessEngine engine;
  private ProcessEngineConfigurationImpl configuration;

  abstract String jdbcUrl();

  @BeforeAll
  void buildEngine() {
    String jdbcUrl = jdbcUrl();
    boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    configuration = new StandaloneProcessEngineConfiguration();
    configuration
        .setProcessEngineName("authorization-rows-" + getClass().getSimpleName())
        .setJdbcUrl(jdbcUrl)
        .setJdbcDriver(postgres ? "org.postgresql.Driver" : "org.h2.Driver")
        .setJdbcUsername(postgres ? EmbeddedPostgresDatabase.USER : "sa")
        .setDatabaseSchemaUpdate("create-drop")
        .setJobExecutorActivate(false)
        .setHistory("none")
        .setAuthorizationEnabled(true);
    configuration.setAuthorizationCheckRevokes(
        ProcessEngineConfigurationImpl.AUTHORIZATION_CHECK_REVOKE_NEVER);
    configuration.setProcessEnginePlugins(List.of(new EngineAuthorizationManager()));
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  void closeEngine() {
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
        List<String> groupIds = groupsAtRandom(random);
        CompositePermissionCheck check = checkAtRandom(random);
        assertThat(AuthorizationRows.answers(check, configuration.getDatabaseType())).isTrue();
        boolean camunda = camundasAnswer(userId, groupIds, check);
        int asked = round;
        assertThat(oursThroughTheManager(userId, groupIds, check))
            .as(() -> "the manager: round " + asked + ", " + describe(userId, groupIds, check))
            .isEqualTo(camunda);
        assertThat(oursAlone(userId, groupIds, check))
            .as(
                () ->
                    "AuthorizationRows: round " + asked + ", " + describe(userId, groupIds, check))
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
    String database = configuration.getDatabaseType();
    CompositePermissionCheck conjunctive = new CompositePermissionCheck(false);
    conjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.READ, null));
    conjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.UPDATE, null));
    assertThat(AuthorizationRows.answers(conjunctive, database)).isFalse();

    CompositePermissionCheck nested = new CompositePermissionCheck(true);
    nested.addCompositeCheck(conjunctive);
    assertThat(AuthorizationRows.answers(nested, database)).isFalse();

    CompositePermissionCheck fromQuery = new CompositePermissionCheck(true);
    PermissionCheck column = atomic(Resources.TASK, null, Permissions.READ, null);
    column.setResourceIdQueryParam("RES.ID_");
    fromQuery.addAtomicCheck(column);
    assertThat(AuthorizationRows.answers(fromQuery, database)).isFalse();

    CompositePermissionCheck disjunctive = new CompositePermissionCheck(true);
    disjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.READ, null));
    disjunctive.addAtomicCheck(atomic(Resources.TASK, "task-1", Permissions.UPDATE, null));
    assertThat(AuthorizationRows.answers(disjunctive, database)).isTrue();
    assertThat(AuthorizationRows.answers(disjunctive, "mysql")).isFalse();
  }

  @Test
  void aPermissionTheResourceDoesNotHaveIsCamundasError() {
    CompositePermissionCheck wrong = new CompositePermissionCheck(true);
    wrong.addAtomicCheck(
        atomic(Resources.TASK, "task-1", ProcessDefinitionPermissions.CREATE_INSTANCE, null));
    assertThatThrownBy(() -> oursThroughTheManager("ann", List.of("team-a"), wrong))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("CREATE_INSTANCE");
  }

  private boolean camundasAnswer(
      String userId, List<String> groupIds, CompositePermissionCheck check) {
    return inCommand(
        (context, manager) ->
            context
                .getDbEntityManager()
                .selectBoolean(
                    "isUserAuthorizedForResource",
                    new AuthorizationCheck(
                        userId, manager.filterAuthenticatedGroupIds(groupIds), check, false)));
  }

  /** Through the overload the check's shape calls, as the engine's commands do. */
  private boolean oursThroughTheManager(
      String userId, List<String> groupIds, CompositePermissionCheck check) {
    List<PermissionCheck> atomic = check.getAtomicChecks();
    return inCommand(
        (context, manager) ->
            atomic.size() == 1 && check.isDisjunctive()
                ? manager.isAuthorized(userId, groupIds, atomic.get(0))
                : manager.isAuthorized(userId, groupIds, check));
  }

  private boolean oursAlone(String userId, List<String> groupIds, CompositePermissionCheck check) {
    return inCommand(
        (context, manager) ->
            AuthorizationRows.read(
                    context.getDbSqlSession().getSqlSession().getConnection(),
                    configuration,
                    userId,
                    manager.filterAuthenticatedGroupIds(groupIds),
                    check.getAtomicChecks())
                .authorize(check));
  }

  /** In a command of its own, with the engine's authorization manager (ours) of that command. */
  private boolean inCommand(BiPredicate<CommandContext, AuthorizationManager> question) {
    return configuration
        .getCommandExecutorTxRequired()
        .execute(context -> question.test(context, context.getAuthorizationManager()));
  }

  private void grantAtRandom(Random random) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    authorizations
        .createAuthorizationQuery()
        .list()
        .forEach(authorization -> authorizations.deleteAuthorization(authorization.getId()));
    Set<String> taken = new HashSet<>();
    int count = random.nextInt(10);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(6);
      int type =
          kind == 0
              ? Authorization.AUTH_TYPE_GLOBAL
              : kind == 1 ? Authorization.AUTH_TYPE_REVOKE : Authorization.AUTH_TYPE_GRANT;
      boolean ofGroup = type != Authorization.AUTH_TYPE_GLOBAL && random.nextBoolean();
      String who =
          type == Authorization.AUTH_TYPE_GLOBAL
              ? Authorization.ANY
              : ofGroup ? pick(random, GROUPS) : pick(random, USERS);
      boolean task = random.nextBoolean();
      String resourceId =
          random.nextInt(4) == 0 ? Authorization.ANY : pick(random, task ? TASKS : DEFINITIONS);
      if (!taken.add(type + "/" + ofGroup + "/" + who + "/" + task + "/" + resourceId)) {
        continue; // one authorization per kind, who and resource
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
      for (int p = random.nextInt(3); p > 0; p--) {
        if (type == Authorization.AUTH_TYPE_REVOKE) {
          authorization.removePermission(pick(random, permissions));
        } else {
          authorization.addPermission(pick(random, permissions));
        }
      }
      authorizations.saveAuthorization(authorization);
    }
  }

  private static List<String> groupsAtRandom(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> null;
      case 1 -> Arrays.asList("team-a", null, "team-a");
      default -> {
        List<String> some = new ArrayList<>();
        List.of("team-a", "team-b", "ann", "no-grants").stream()
            .filter(any -> random.nextInt(3) == 0)
            .forEach(some::add);
        yield some;
      }
    };
  }

  private static CompositePermissionCheck checkAtRandom(Random random) {
    int size = 1 + random.nextInt(4);
    // one check alone is decided alike whichever way it is combined
    CompositePermissionCheck check = new CompositePermissionCheck(size > 1 || random.nextBoolean());
    for (int i = size; i > 0; i--) {
      boolean task = random.nextBoolean();
      int which = random.nextInt(6);
      String resourceId =
          which == 0
              ? null
              : which == 1 ? Authorization.ANY : pick(random, task ? TASKS : DEFINITIONS);
      Long notFound = random.nextInt(6) == 0 ? (long) random.nextInt(3) : null;
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

  private String describe(String userId, List<String> groupIds, CompositePermissionCheck check) {
    StringBuilder text =
        new StringBuilder(
            userId + " " + groupIds + (check.isDisjunctive() ? " any of" : " all of"));
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
