package io.pilotlaunch.onboarding;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIGURE_TENANT_ROUTING;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROLLBACK_COMPLETE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEPROVISION_BASELINE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEPROVISION_OPEN_BASELINE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_PROVISION_BASELINE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REMOVE_OPEN_TENANT_ROUTING;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REMOVE_TENANT_ROUTING;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_RESOLVE_TENANT_ROUTING_CONFLICT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_RUN_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Phase 1 as the real process runs it: delegates, jobs, retries, incidents, rollback, tenants. */
class OnboardingProcessIT extends PostgresIntegrationTest {

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired TenantRouting routing;
  @Autowired OnboardingAudit audit;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aFailingHealthProbeBecomesAnIncidentAndARetryByDevOpsContinuesThePilot() {
    TenantHealthServer.makeUnhealthy("probe-down");
    String pilot = pilots.start("probe-down");
    pilots.passPreChecklist(pilot);
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    mergeOnboardingPr("probe-down");

    Incident incident =
        await("an incident on the verification")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    runtimeService
                        .createIncidentQuery()
                        .processInstanceId(pilot)
                        .activityId(TASK_RUN_ONBOARDING_VERIFICATION)
                        .singleResult(),
                found -> found != null && !Boolean.FALSE.equals(found));
    assertThat(incident.getIncidentMessage())
        .startsWith("Tenant health check failed: GET ")
        .contains("HTTP 503")
        .doesNotContain("route", "baseline");

    TenantHealthServer.makeHealthy("probe-down");
    String jobId = incident.getConfiguration();
    HttpCalls qa = asMemberOf(Team.QA_TESTING, "retry-qa");
    assertThat(
            qa.putJson("/engine-rest/job/" + jobId + "/retries", "{\"retries\":1}")
                .getStatusCode()
                .value())
        .isEqualTo(403);
    HttpCalls sre = asMemberOf(Team.DEVOPS_SRE, "retry-sre");
    assertThat(
            sre.putJson("/engine-rest/job/" + jobId + "/retries", "{\"retries\":1}")
                .getStatusCode()
                .value())
        .isEqualTo(204);

    Task qaTask = pilots.awaitTask(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION);
    assertThat(taskService.getVariable(qaTask.getId(), "details").toString())
        .contains("PASS route", "PASS baseline", "PASS health", "HTTP 200");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pilot).count()).isZero();
  }

  @Test
  void aTenantRoutedElsewhereIsATaskForDevOpsNotAnIncident() {
    routing.route(
        "routed-elsewhere", "Routed elsewhere", TEST_ENVIRONMENT, "remote", "an-earlier-pilot");
    String pilot = pilots.start("routed-elsewhere", TEST_REGION);
    pilots.passPreChecklist(pilot);

    Task resolve = pilots.awaitTask(pilot, TASK_RESOLVE_TENANT_ROUTING_CONFLICT);
    assertThat(taskService.getIdentityLinksForTask(resolve.getId()))
        .anyMatch(link -> Team.DEVOPS_SRE.groupId().equals(link.getGroupId()));
    assertThat(taskService.getVariable(resolve.getId(), "details").toString())
        .contains("already routed to test/remote", "asks for test/local");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pilot).count()).isZero();

    // DevOps decides the pilot goes where the tenant already lives.
    taskService.complete(
        resolve.getId(),
        Map.of(
            "environment",
            TEST_ENVIRONMENT,
            "region",
            "remote",
            "comment",
            "tenant stays on remote"));
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    assertThat(runtimeService.getVariable(pilot, Variables.REGION)).isEqualTo("remote");
  }

  @Test
  void abortDuringOnboardingUndoesRoutingAndBaseline() {
    String pilot = onboardUntilThePrIsAwaited("abort-early");
    assertThat(rows("abort-early")).isEqualTo(3);

    pilots.correlate(
        "abort-early", Messages.ABORT_PILOT, Map.of(Variables.ABORT_REASON, "customer withdrew"));

    assertRolledBack("abort-early", pilot);
    // Phase 1 never completed, so there is nothing to compensate: the undo steps run directly.
    assertThat(ranActivities(pilot))
        .contains(TASK_REMOVE_OPEN_TENANT_ROUTING, TASK_DEPROVISION_OPEN_BASELINE)
        .doesNotContain(TASK_REMOVE_TENANT_ROUTING, TASK_DEPROVISION_BASELINE);
  }

  @Test
  void abortAfterOnboardingCompensatesIt() {
    String pilot = onboardUntilThePrIsAwaited("abort-late");
    pilots.passPhase1(pilot);

    pilots.correlate(
        "abort-late", Messages.ABORT_PILOT, Map.of(Variables.ABORT_REASON, "pilot cancelled"));

    assertRolledBack("abort-late", pilot);
    assertThat(ranActivities(pilot))
        .contains(TASK_REMOVE_TENANT_ROUTING, TASK_DEPROVISION_BASELINE)
        .doesNotContain(TASK_REMOVE_OPEN_TENANT_ROUTING, TASK_DEPROVISION_OPEN_BASELINE);
  }

  /**
   * Nothing of the tenant is left in our tables, and the audit log holds both directions, all by
   * this pilot.
   */
  private void assertRolledBack(String tenantId, String pilot) {
    pilots.awaitTask(pilot, TASK_CONFIRM_ROLLBACK_COMPLETE);
    assertThat(rows(tenantId)).isZero();
    assertThat(audit.of(tenantId))
        .extracting(OnboardingAudit.Entry::action)
        .startsWith("ROUTE_CREATED", "BASELINE_APPLIED")
        .hasSize(4)
        .contains("ROUTE_REMOVED", "BASELINE_REMOVED");
    assertThat(audit.of(tenantId)).allMatch(entry -> pilot.equals(entry.processInstanceId()));
  }

  private List<String> ranActivities(String processInstanceId) {
    return historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .finished()
        .list()
        .stream()
        .map(HistoricActivityInstance::getActivityId)
        .toList();
  }

  @Test
  void aUserOfOneTenantSeesThatPilotAndItsTasksOnly() {
    String pilotA = pilots.start("tenant-a");
    String pilotB = pilots.start("tenant-b");
    // An observer outside the teams: may read instances and tasks in general, but is a member of
    // tenant A only.
    String observer = "tenant-a-observer";
    if (identityService.createUserQuery().userId(observer).count() == 0) {
      User user = identityService.newUser(observer);
      user.setPassword(passwordOf(observer));
      identityService.saveUser(user);
      identityService.createTenantUserMembership("tenant-a", observer);
      grant(observer, Resources.PROCESS_INSTANCE);
      grant(observer, Resources.TASK);
    }
    HttpCalls calls = http().as(observer, passwordOf(observer));

    String instances =
        calls
            .get(
                "/engine-rest/process-instance?processDefinitionKey="
                    + MvpPilotLaunchProcess.PROCESS_ID)
            .getBody();
    assertThat(instances).contains(pilotA).doesNotContain(pilotB);
    assertThat(calls.get("/engine-rest/task?processInstanceId=" + pilotA).getBody())
        .contains("\"tenantId\":\"tenant-a\"");
    assertThat(calls.get("/engine-rest/task?processInstanceId=" + pilotB).getBody())
        .isEqualTo("[]");
    assertThat(calls.get("/engine-rest/process-instance/" + pilotB).getStatusCode().value())
        .isEqualTo(404);

    // The teams are members of every pilot's tenant: a product manager sees both.
    HttpCalls pm = asMemberOf(Team.PRODUCT_MANAGEMENT, "tenants-pm");
    assertThat(pm.get("/engine-rest/task?processInstanceId=" + pilotB).getBody())
        .contains("\"tenantId\":\"tenant-b\"");
  }

  private String onboardUntilThePrIsAwaited(String tenantId) {
    String pilot = pilots.start(tenantId);
    pilots.passPreChecklist(pilot);
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(pilot)
                .activityId(TASK_CONFIGURE_TENANT_ROUTING)
                .count())
        .isZero();
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(pilot)
                .activityId(TASK_PROVISION_BASELINE)
                .count())
        .isZero();
    return pilot;
  }

  private void mergeOnboardingPr(String tenantId) {
    pilots.correlate(
        tenantId,
        Messages.PULL_REQUEST_MERGED,
        Map.of(
            Variables.MERGED_BRANCH,
            MvpPilotLaunchProcess.PHASE1_BRANCH,
            Variables.PULL_REQUEST_URL,
            "https://git.example.test/pr/" + tenantId));
  }

  /** Rows of the tenant in our tables: route, baseline version, and one for any settings. */
  private int rows(String tenantId) {
    int route =
        jdbc.queryForObject(
            "select count(*) from pilot.tenant_route where tenant_id = ?", Integer.class, tenantId);
    int version =
        jdbc.queryForObject(
            "select count(*) from pilot.tenant_baseline where tenant_id = ?",
            Integer.class,
            tenantId);
    int settings =
        jdbc.queryForObject(
            "select count(*) from pilot.tenant_baseline_setting where tenant_id = ?",
            Integer.class,
            tenantId);
    return route + version + Math.min(settings, 1);
  }

  private void grant(String userId, Resources resource) {
    Authorization authorization =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId("*");
    authorization.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(authorization);
  }

  private HttpCalls asMemberOf(Team team, String userId) {
    users.memberOf(team, userId);
    return http().as(userId, passwordOf(userId));
  }
}
