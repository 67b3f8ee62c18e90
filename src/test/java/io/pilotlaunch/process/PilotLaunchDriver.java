package io.pilotlaunch.process;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.onboarding.OnboardingStateListener;
import io.pilotlaunch.operations.EnhancementCandidatesListener;
import io.pilotlaunch.operations.PilotFeedbackScopeListener;
import io.pilotlaunch.operations.PilotIssueScopeListener;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.pilot.TenantBusinessKeyListener;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.signoff.StartPostMvpEnhancementsDelegate;
import io.pilotlaunch.support.ApplicationYaml;
import io.pilotlaunch.support.PilotSteps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Drives an MvpPilotLaunch instance through the checklist the way the teams would in Tasklist:
 * completing tasks with the variables their forms submit, running the async jobs the job executor
 * would run, and correlating the messages the integrations send. Engine only, no Spring.
 */
final class PilotLaunchDriver {

  private static final FormFields FORMS = new FormFields();

  /**
   * The engine of the model tests. Not named camunda.cfg.xml: the REST API of the Spring tests
   * looks its engine up through ProcessEngines, which would build an engine from any
   * camunda.cfg.xml on the classpath on the first request.
   */
  static final String MODEL_TEST_ENGINE = "model-tests.camunda.cfg.xml";

  static final String TENANT = "acme-pilot";
  static final String PILOT_END_FAR_AWAY = "2099-12-31T23:00:00Z";

  private final ProcessEngine engine;

  /** The pilot's tenant: business key and tenantId of the instances this driver starts. */
  String tenant = TENANT;

  /** Names of the mocked delegate beans, in the order they were called. */
  final List<String> delegateCalls = new ArrayList<>();

  ProcessInstance instance;

  /** The tenant ids whose run the process start recorded. */
  final List<Object> runStarts = new ArrayList<>();

  /** The tenant ids the process start registered, before any task existed. */
  final List<Object> tenantRegistrations = new ArrayList<>();

  /** How many times the routing delegate still answers with a routing conflict. */
  int routingConflicts;

  /** The issue register behind bean pilotIssues. */
  final FakePilotIssues issues = new FakePilotIssues();

  /**
   * Calls of the issue and run listener beans: "bean:issueId" or "bean:activityId:issueId", in
   * order.
   */
  final List<String> listenerCalls = new ArrayList<>();

  /** Confirmed pilot summaries (bean pilotSummaryConfirmed): "summary text@assignee", in order. */
  final List<String> confirmedSummaries = new ArrayList<>();

  /** How many drafts bean pilotSummaryDelegate compiled. */
  int summaryDrafts;

  PilotLaunchDriver(ProcessEngine engine) {
    this.engine = engine;
    for (String bean :
        List.of(
            MvpPilotLaunchProcess.Beans.TENANT_ROUTING_DELEGATE,
            MvpPilotLaunchProcess.Beans.TENANT_ROUTING_COMPENSATION_DELEGATE,
            MvpPilotLaunchProcess.Beans.BASELINE_PROVISIONING_DELEGATE,
            MvpPilotLaunchProcess.Beans.BASELINE_DEPROVISIONING_DELEGATE,
            MvpPilotLaunchProcess.Beans.ONBOARDING_VERIFICATION_DELEGATE,
            MvpPilotLaunchProcess.Beans.MILESTONE_STATUS_DELEGATE)) {
      Mocks.register(bean, (JavaDelegate) execution -> delegateCalls.add(bean));
    }
    // The listeners of our features, real: they need no Spring, only the SLAs of application.yaml.
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_ISSUE_SCOPE_LISTENER,
        new PilotIssueScopeListener(severities()));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_FEEDBACK_SCOPE_LISTENER,
        new PilotFeedbackScopeListener());
    Mocks.register(
        MvpPilotLaunchProcess.Beans.ENHANCEMENT_CANDIDATES_LISTENER,
        new EnhancementCandidatesListener());
    Mocks.register(
        MvpPilotLaunchProcess.Beans.ONBOARDING_STATE_LISTENER, new OnboardingStateListener());
    Mocks.register(
        MvpPilotLaunchProcess.Beans.TENANT_BUSINESS_KEY_LISTENER, new TenantBusinessKeyListener());
    Mocks.register(
        MvpPilotLaunchProcess.Beans.START_POST_MVP_ENHANCEMENTS_DELEGATE,
        new StartPostMvpEnhancementsDelegate());
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_TENANT_REGISTRATION,
        (ExecutionListener)
            execution -> tenantRegistrations.add(execution.getVariable(Variables.TENANT_ID)));
    Mocks.register(MvpPilotLaunchProcess.Beans.JOB_RETRIES, Map.of("cycle", "R3/PT10S"));
    Mocks.register(MvpPilotLaunchProcess.Beans.PILOT_ISSUES, issues);
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_RUN_STARTED,
        (ExecutionListener) execution -> runStarts.add(execution.getVariable(Variables.TENANT_ID)));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_RUN_ENDED,
        (ExecutionListener)
            execution ->
                listenerCalls.add(
                    MvpPilotLaunchProcess.Beans.PILOT_RUN_ENDED
                        + ":"
                        + execution.getVariable(Variables.TENANT_ID)));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_ISSUE_TRIAGED,
        (TaskListener)
            task ->
                listenerCalls.add(
                    MvpPilotLaunchProcess.Beans.PILOT_ISSUE_TRIAGED
                        + ":"
                        + task.getVariable(Variables.ISSUE_ID)
                        + "@"
                        + task.getVariable(Variables.TENANT_ID)));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_ISSUE_SLA_BREACHED,
        (TaskListener)
            task ->
                listenerCalls.add(
                    MvpPilotLaunchProcess.Beans.PILOT_ISSUE_SLA_BREACHED
                        + ":"
                        + task.getVariable(Variables.ISSUE_ID)
                        + "@"
                        + task.getVariable(Variables.TENANT_ID)));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_ISSUE_CLOSED,
        (ExecutionListener)
            execution ->
                listenerCalls.add(
                    MvpPilotLaunchProcess.Beans.PILOT_ISSUE_CLOSED
                        + ":"
                        + execution.getCurrentActivityId()
                        + ":"
                        + execution.getVariable(Variables.ISSUE_ID)
                        + "@"
                        + execution.getVariable(Variables.TENANT_ID)));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_SUMMARY_DELEGATE,
        (JavaDelegate)
            execution -> {
              delegateCalls.add(MvpPilotLaunchProcess.Beans.PILOT_SUMMARY_DELEGATE);
              summaryDrafts++;
              execution.setVariable(Variables.PILOT_SUMMARY_DRAFT, draft(summaryDrafts));
            });
    Mocks.register(
        MvpPilotLaunchProcess.Beans.PILOT_SUMMARY_CONFIRMED,
        (TaskListener)
            task -> confirmedSummaries.add(task.getVariable("summary") + "@" + task.getAssignee()));
    Mocks.register(
        MvpPilotLaunchProcess.Beans.TENANT_ROUTING_DELEGATE,
        (JavaDelegate)
            execution -> {
              delegateCalls.add(MvpPilotLaunchProcess.Beans.TENANT_ROUTING_DELEGATE);
              if (routingConflicts > 0) {
                routingConflicts--;
                throw new BpmnError(
                    MvpPilotLaunchProcess.Errors.ONBOARDING_CONFLICT, "route already taken");
              }
            });
  }

  /** The severities and their SLAs as the app reads them from application.yaml. */
  static Severities severities() {
    return ApplicationYaml.bind("pilot", Severities.class);
  }

  static Map<String, Object> startVariables() {
    return startVariables(TENANT);
  }

  static Map<String, Object> startVariables(String tenant) {
    Map<String, Object> v = new HashMap<>();
    v.put(Variables.TENANT_ID, tenant);
    v.put(Variables.TENANT_NAME, "ACME Pilot");
    v.put(Variables.ENVIRONMENT, "production");
    v.put(Variables.REGION, "eu-central-1");
    v.put(Variables.PILOT_START, "2026-12-01T08:00:00Z");
    v.put(Variables.PILOT_END, PILOT_END_FAR_AWAY);
    return v;
  }

  ProcessInstance start() {
    instance =
        engine
            .getRuntimeService()
            .startProcessInstanceByKey(
                MvpPilotLaunchProcess.PROCESS_ID, tenant, startVariables(tenant));
    return instance;
  }

  /** Starts a fresh instance directly before one activity (tests one phase at a time). */
  ProcessInstance startBefore(String activityId) {
    return startBefore(activityId, Map.of());
  }

  /**
   * Starts before one activity with additional variables (e.g. the enhancement candidates Phase 2
   * collected).
   */
  ProcessInstance startBefore(String activityId, Map<String, Object> variables) {
    Map<String, Object> v = startVariables();
    v.putAll(variables);
    instance =
        engine
            .getRuntimeService()
            .createProcessInstanceByKey(MvpPilotLaunchProcess.PROCESS_ID)
            .businessKey(TENANT)
            .setVariables(v)
            .startBeforeActivity(activityId)
            .execute();
    return instance;
  }

  /** What the mocked pilotSummaryDelegate compiles the n-th time. */
  static String draft(int n) {
    return "# Pilot summary " + TENANT + "\n\nDraft " + n + " compiled from recorded behaviour.";
  }

  // ------------------------------------------------------------------ primitives

  Task task(String taskKey) {
    List<Task> tasks =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(instance.getId())
            .taskDefinitionKey(taskKey)
            .list();
    assertThat(tasks).as("open tasks %s", taskKey).hasSize(1);
    return tasks.get(0);
  }

  List<Task> tasks(String taskKey) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey)
        .list();
  }

  void complete(String taskKey, Map<String, Object> variables) {
    submit(task(taskKey), variables);
  }

  /**
   * Completes a task as the app does on every submit (its TaskInputGuard): the form's editable
   * fields go into the task's own scope, each one not given as null unless the model prefilled it;
   * anything else goes to the engine as sent.
   */
  void submit(Task task, Map<String, Object> variables) {
    String executionId = task.getExecutionId();
    Map<String, Object> own = engine.getRuntimeService().getVariablesLocal(executionId);
    Map<String, Object> local = new HashMap<>();
    Map<String, Object> rest = new HashMap<>(variables);
    for (String field : FORMS.editableFields(formOf(task))) {
      if (variables.containsKey(field)) {
        local.put(field, rest.remove(field));
      } else if (!own.containsKey(field)) {
        local.put(field, null);
      }
    }
    engine.getRuntimeService().setVariablesLocal(executionId, local);
    engine.getTaskService().complete(task.getId(), rest);
  }

  /**
   * A field the task of that key was last completed with: it stays in the task's own scope, so its
   * history keeps it under the task's activity instance.
   */
  Object captured(String taskKey, String field) {
    var history = engine.getHistoryService();
    List<org.camunda.bpm.engine.history.HistoricActivityInstance> done =
        history
            .createHistoricActivityInstanceQuery()
            .processInstanceId(instance.getId())
            .activityId(taskKey)
            .finished()
            .orderByHistoricActivityInstanceEndTime()
            .desc()
            .list();
    assertThat(done).as("completed %s", taskKey).isNotEmpty();
    var variable =
        history
            .createHistoricVariableInstanceQuery()
            .activityInstanceIdIn(done.get(0).getId())
            .variableName(field)
            .singleResult();
    return variable == null ? null : variable.getValue();
  }

  private String formOf(Task task) {
    UserTask element =
        engine
            .getRepositoryService()
            .getBpmnModelInstance(task.getProcessDefinitionId())
            .getModelElementById(task.getTaskDefinitionKey());
    return element.getCamundaFormRef();
  }

  void executeJob(String activityId) {
    List<Job> jobs =
        engine
            .getManagementService()
            .createJobQuery()
            .processInstanceId(instance.getId())
            .activityId(activityId)
            .list();
    assertThat(jobs).as("jobs of %s", activityId).hasSize(1);
    engine.getManagementService().executeJob(jobs.get(0).getId());
  }

  void correlate(String message, Map<String, Object> localVariables) {
    engine
        .getRuntimeService()
        .createMessageCorrelation(message)
        .processInstanceBusinessKey(tenant)
        .setVariablesLocal(localVariables)
        .correlate();
  }

  /**
   * What the git webhook sends when a pull request is merged: correlates by the task-local {@code
   * branch} and {@code prTarget} of the waiting task (no business key), payload local.
   */
  List<MessageCorrelationResult> pullRequestMerged(
      String sourceBranch, String targetBranch, String url) {
    return engine
        .getRuntimeService()
        .createMessageCorrelation(Messages.PULL_REQUEST_MERGED)
        .localVariableEquals("branch", sourceBranch)
        .localVariableEquals("prTarget", targetBranch)
        .setVariablesLocal(
            Map.of(Variables.MERGED_BRANCH, sourceBranch, Variables.PULL_REQUEST_URL, url))
        .correlateAllWithResult();
  }

  /** Confirms the summary task as prefilled: the compiled draft and the candidates unchanged. */
  void confirmSummaryAsPrefilled() {
    Task summary = task(TASK_PRODUCE_PILOT_SUMMARY);
    submit(
        summary,
        PilotSteps.confirmSummary(
            (String) engine.getTaskService().getVariable(summary.getId(), "summary"),
            (String) engine.getTaskService().getVariable(summary.getId(), "adrCandidates")));
  }

  // ------------------------------------------------------------------ phases, happy path

  void passPreChecklist() {
    PilotSteps.PRE_CHECKLIST.forEach(t -> complete(t, PilotSteps.done()));
  }

  void onboardTenant() {
    executeJob(TASK_CONFIGURE_TENANT_ROUTING);
    executeJob(TASK_PROVISION_BASELINE);
    assertThat(
            pullRequestMerged(
                MvpPilotLaunchProcess.PHASE1_BRANCH,
                MvpPilotLaunchProcess.INTEGRATION_BRANCH,
                "https://git.example.test/pr/1"))
        .as("onboarding PR merged")
        .hasSize(1);
  }

  void verifyOnboarding() {
    executeJob(TASK_RUN_ONBOARDING_VERIFICATION);
    complete(TASK_EXECUTE_ONBOARDING_VERIFICATION, PilotSteps.done());
  }

  void passPhase1() {
    onboardTenant();
    verifyOnboarding();
    PilotSteps.PHASE1_REVIEWS.forEach(t -> complete(t, PilotSteps.approve()));
  }

  void passPhase2() {
    complete(TASK_MONITOR_PILOT, PilotSteps.done());
    PilotSteps.PHASE2_REVIEWS.forEach(t -> complete(t, PilotSteps.approve()));
  }

  void passPhase3Development() {
    executeJob(TASK_COMPILE_PILOT_SUMMARY);
    confirmSummaryAsPrefilled();
    complete(TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    completeAdrTasks();
  }

  void completeAdrTasks() {
    for (Task adr : tasks(TASK_OPEN_ENHANCEMENT_ADRS)) {
      submit(adr, PilotSteps.adr(adr.getId()));
    }
  }

  void passSignOffs() {
    PilotSteps.SIGN_OFFS.forEach(t -> complete(t, PilotSteps.signOff()));
    PilotSteps.PHASE3_REVIEWS.forEach(t -> complete(t, PilotSteps.approve()));
  }

  void passMilestoneReview() {
    PilotSteps.MILESTONE_REVIEW.forEach(t -> complete(t, PilotSteps.approve()));
    executeJob(TASK_CONFIRM_MILESTONE_STATUS_COMPLETED);
  }
}
