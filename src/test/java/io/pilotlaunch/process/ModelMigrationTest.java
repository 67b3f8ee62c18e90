package io.pilotlaunch.process;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_COMPILE_PILOT_SUMMARY;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIGURE_TENANT_ROUTING;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_ROLLBACK_PATHS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_SUPPORT_OWNERSHIP;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_PROVISION_BASELINE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_RESOLVE_PRE_CHECKLIST_DRIFT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_SET_MILESTONE_STATUS_COMPLETED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_START_POST_MVP_ENHANCEMENTS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_TRIAGE_PILOT_ISSUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.PilotSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pilots survive a model change: instances in every phase of the previous version
 * (src/test/resources/migration, versionTag m6-1.0.0) move to the current model with Camunda's
 * migration API, keep their place and variables, and run to the end; a pilot left on the previous
 * version finishes there. README, "Changing the model", names the calls for admins.
 */
class ModelMigrationTest {

  /** The test engine reports coverage (model-tests.camunda.cfg.xml); this class asserts none. */
  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder()
          .configurationResource(PilotLaunchDriver.MODEL_TEST_ENGINE)
          .build();

  private ProcessEngine engine;
  private RuntimeService runtime;
  private PilotLaunchDriver pilot;
  private final List<String> deployments = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    runtime = engine.getRuntimeService();
    pilot = new PilotLaunchDriver(engine);
  }

  @AfterEach
  void tearDown() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    Mocks.reset();
  }

  @Test
  void pilotsInEveryPhaseMoveToTheNewVersionKeepingTheirPlaceAndVariablesAndFinish()
      throws IOException {
    ProcessDefinition previous =
        deploy("migration/MvpPilotLaunch-m6-1.0.0.bpmn", Path.of("src/test/resources/migration"));
    assertThat(previous.getVersionTag()).isEqualTo("m6-1.0.0");

    // Later phases first: the onboarding PR merge goes to every pilot waiting for it.
    Map<String, ProcessInstance> byPhase = new LinkedHashMap<>();
    byPhase.put("milestone review", startAs("in-review", this::toMilestoneReview));
    byPhase.put("phase 3", startAs("in-phase3", this::toPhase3));
    byPhase.put("phase 2 with an open issue", startAs("in-phase2", this::toPhase2WithAnIssue));
    ProcessInstance leftBehind = startAs("left-on-1-0-0", this::toPhase2WithAnIssue);
    byPhase.put("phase 1", startAs("in-phase1", this::toPhase1WaitingForThePr));
    byPhase.put("pre-checklist", startAs("in-pre-checklist", p -> {}));
    Map<String, Map<String, Object>> variablesBefore = new LinkedHashMap<>();
    Map<String, List<String>> activitiesBefore = new LinkedHashMap<>();
    byPhase
        .values()
        .forEach(
            pi -> {
              variablesBefore.put(pi.getId(), variables(pi));
              activitiesBefore.put(pi.getId(), activities(pi));
            });

    ProcessDefinition current = deploy(MvpPilotLaunchProcess.RESOURCE, Path.of("forms"));
    assertThat(current.getVersionTag()).isNotEqualTo(previous.getVersionTag());
    MigrationPlan plan =
        runtime
            .createMigrationPlan(previous.getId(), current.getId())
            .mapEqualActivities()
            .updateEventTriggers()
            .build();
    runtime
        .newMigration(plan)
        .processInstanceIds(byPhase.values().stream().map(ProcessInstance::getId).toList())
        .execute();

    for (Map.Entry<String, ProcessInstance> migrated : byPhase.entrySet()) {
      String id = migrated.getValue().getId();
      assertThat(
              runtime
                  .createProcessInstanceQuery()
                  .processInstanceId(id)
                  .singleResult()
                  .getProcessDefinitionId())
          .as(migrated.getKey())
          .isEqualTo(current.getId());
      assertThat(activities(migrated.getValue()))
          .as(migrated.getKey())
          .isEqualTo(activitiesBefore.get(id));
      assertThat(variables(migrated.getValue()))
          .as(migrated.getKey())
          .isEqualTo(variablesBefore.get(id));
    }
    assertThat(
            runtime
                .createProcessInstanceQuery()
                .processInstanceId(leftBehind.getId())
                .singleResult()
                .getProcessDefinitionId())
        .isEqualTo(previous.getId());

    // one pilot at a time past the onboarding PR, as started
    finishFromPhase1(byPhase.get("phase 1"));
    finishFromPreChecklist(byPhase.get("pre-checklist"));
    finishFromPhase2(byPhase.get("phase 2 with an open issue"));
    finishFromPhase3(byPhase.get("phase 3"));
    finishFromMilestoneReview(byPhase.get("milestone review"));
    finishWithAFeedbackCandidateAndAKeptOne(leftBehind);

    for (ProcessInstance pi :
        List.of(
            leftBehind,
            byPhase.get("pre-checklist"),
            byPhase.get("phase 1"),
            byPhase.get("phase 2 with an open issue"),
            byPhase.get("phase 3"),
            byPhase.get("milestone review"))) {
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count())
          .as(pi.getBusinessKey())
          .isZero();
      assertThat(
              engine
                  .getHistoryService()
                  .createHistoricActivityInstanceQuery()
                  .processInstanceId(pi.getId())
                  .activityId(MvpPilotLaunchProcess.Elements.END_EVENT_MVP_PILOT_LAUNCHED)
                  .count())
          .as(pi.getBusinessKey())
          .isOne();
    }
  }

  /**
   * Model m6-1.2.0 opened every item with its form fields as null (input mappings) and copied all
   * three to the pilot; the current one lets the app write the fields into the item's own scope on
   * submit and copies only the item's result. A pilot half way through its pre-checklist moves over
   * and finishes; what its items captured before stays where the milestone document reads it.
   */
  @Test
  void aPilotMidChecklistMovesFromCopiedFieldsToOneResultPerItemAndFinishes() throws IOException {
    ProcessDefinition previous = deploy("migration/MvpPilotLaunch-m6-1.2.0.bpmn", Path.of("forms"));
    pilot.tenant = "mid-checklist";
    ProcessInstance pi = pilot.start();
    // as the app completed items on that model: the fields land in the scope its mappings opened
    engine
        .getTaskService()
        .complete(pilot.task(TASK_DEFINE_PILOT_SCOPE).getId(), PilotSteps.done());
    engine
        .getTaskService()
        .complete(
            pilot.task(TASK_FINALIZE_ONBOARDING_CHECKLIST).getId(),
            PilotSteps.notDone("runbook still in review"));
    Map<String, Object> variablesBefore = variables(pi);
    List<String> activitiesBefore = activities(pi);

    ProcessDefinition current = deploy(MvpPilotLaunchProcess.RESOURCE, Path.of("forms"));
    runtime
        .newMigration(
            runtime
                .createMigrationPlan(previous.getId(), current.getId())
                .mapEqualActivities()
                .updateEventTriggers()
                .build())
        .processInstanceIds(pi.getId())
        .execute();
    assertThat(activities(pi)).isEqualTo(activitiesBefore);
    assertThat(variables(pi)).isEqualTo(variablesBefore);

    pilot.complete(TASK_DOCUMENT_ROLLBACK_PATHS, PilotSteps.done());
    pilot.complete(TASK_DOCUMENT_SUPPORT_OWNERSHIP, PilotSteps.notDone("owner on leave"));
    pilot.complete(TASK_CONFIRM_ROADMAP_STATUS, PilotSteps.done());
    assertThat(activities(pi)).contains(TASK_RESOLVE_PRE_CHECKLIST_DRIFT);
    assertThat(runtime.getVariables(pi.getId()))
        .containsEntry(Variables.PILOT_SCOPE_DEFINED_DONE, true)
        .containsEntry(Variables.ONBOARDING_CHECKLIST_FINALIZED_DONE, false)
        .containsEntry("supportOwnershipDocumentedDone", false)
        .containsEntry("roadmapStatusCurrentDone", true)
        .doesNotContainKeys("done", "comment", "evidenceLink", "supportOwnershipDocumentedComment");
    assertThat(pilot.captured(TASK_FINALIZE_ONBOARDING_CHECKLIST, "comment"))
        .isEqualTo("runbook still in review");
    assertThat(pilot.captured(TASK_DOCUMENT_SUPPORT_OWNERSHIP, "comment"))
        .isEqualTo("owner on leave");
    assertThat(pilot.captured(TASK_DOCUMENT_ROLLBACK_PATHS, "evidenceLink"))
        .isEqualTo(PilotSteps.done().get("evidenceLink"));

    pilot.complete(TASK_RESOLVE_PRE_CHECKLIST_DRIFT, PilotSteps.done());
    pilot.complete(TASK_FINALIZE_ONBOARDING_CHECKLIST, PilotSteps.done());
    pilot.complete(TASK_DOCUMENT_SUPPORT_OWNERSHIP, PilotSteps.done());
    pilot.executeJob(TASK_CONFIGURE_TENANT_ROUTING);
    pilot.executeJob(TASK_PROVISION_BASELINE);
    finishFromPhase1(pi);
    assertThat(
            engine
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId(MvpPilotLaunchProcess.Elements.END_EVENT_MVP_PILOT_LAUNCHED)
                .count())
        .isOne();
  }

  // ------------------------------------------------------------------ to each phase

  private ProcessInstance startAs(
      String tenant, java.util.function.Consumer<ProcessInstance> toPhase) {
    pilot.tenant = tenant;
    ProcessInstance pi = pilot.start();
    toPhase.accept(pi);
    return pi;
  }

  private void toPhase1WaitingForThePr(ProcessInstance pi) {
    pilot.passPreChecklist();
    pilot.executeJob(TASK_CONFIGURE_TENANT_ROUTING);
    pilot.executeJob(TASK_PROVISION_BASELINE);
    pilot.task(TASK_CONFIRM_ONBOARDING_PR_MERGED);
  }

  private void toPhase2WithAnIssue(ProcessInstance pi) {
    pilot.passPreChecklist();
    pilot.passPhase1();
    pilot.correlate(
        Messages.PILOT_ISSUE_REPORTED,
        Map.of(
            Variables.ISSUE_ID,
            "INC-" + pi.getBusinessKey(),
            Variables.ISSUE_TITLE,
            "Export is slow",
            Variables.ISSUE_SEVERITY,
            "low",
            Variables.ISSUE_RESPONSE_SLA,
            "P3D"));
    pilot.task(TASK_TRIAGE_PILOT_ISSUE);
  }

  private void toPhase3(ProcessInstance pi) {
    pilot.passPreChecklist();
    pilot.passPhase1();
    pilot.passPhase2();
    pilot.executeJob(TASK_COMPILE_PILOT_SUMMARY);
  }

  private void toMilestoneReview(ProcessInstance pi) {
    toPhase3(pi);
    pilot.confirmSummaryAsPrefilled();
    pilot.complete(
        MvpPilotLaunchProcess.Elements.TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    pilot.completeAdrTasks();
    pilot.passSignOffs();
    pilot.executeJob(TASK_SET_MILESTONE_STATUS_COMPLETED);
  }

  // ------------------------------------------------------------------ and on to the end

  private void finishFromPreChecklist(ProcessInstance pi) {
    on(pi);
    pilot.passPreChecklist();
    finishFromPhase1(pi);
  }

  private void finishFromPhase1(ProcessInstance pi) {
    on(pi);
    if (pilot.tasks(TASK_CONFIRM_ONBOARDING_PR_MERGED).isEmpty()) {
      pilot.passPhase1();
    } else {
      assertThat(
              pilot.pullRequestMerged(
                  MvpPilotLaunchProcess.PHASE1_BRANCH,
                  MvpPilotLaunchProcess.INTEGRATION_BRANCH,
                  "https://git.example.test/pr/2"))
          .hasSize(1);
      pilot.verifyOnboarding();
      PilotSteps.PHASE1_REVIEWS.forEach(review -> pilot.complete(review, PilotSteps.approve()));
    }
    finishFromPhase2(pi);
  }

  private void finishFromPhase2(ProcessInstance pi) {
    on(pi);
    if (!pilot.tasks(TASK_TRIAGE_PILOT_ISSUE).isEmpty()) {
      pilot.complete(
          TASK_TRIAGE_PILOT_ISSUE,
          Map.of("severity", "low", "approveFix", "no", "comment", "no fix needed"));
    }
    pilot.passPhase2();
    pilot.executeJob(TASK_COMPILE_PILOT_SUMMARY);
    finishFromPhase3(pi);
  }

  /**
   * The pilot left on the previous version: docs categorize feedback as an enhancement, product
   * management keeps another candidate on the summary, and Milestone 7 receives both.
   */
  private void finishWithAFeedbackCandidateAndAKeptOne(ProcessInstance pi) {
    on(pi);
    pilot.complete(
        TASK_TRIAGE_PILOT_ISSUE,
        Map.of("severity", "low", "approveFix", "no", "comment", "no fix needed"));
    pilot.correlate(
        Messages.PILOT_FEEDBACK_RECEIVED,
        Map.of(Variables.FEEDBACK_ID, "fb-1", Variables.FEEDBACK_TEXT, "Bulk import, please"));
    pilot.complete(
        MvpPilotLaunchProcess.Elements.TASK_CATEGORIZE_PILOT_FEEDBACK,
        Map.of("category", "enhancement", "enhancementCandidates", "Bulk import"));
    pilot.passPhase2();
    pilot.executeJob(TASK_COMPILE_PILOT_SUMMARY);
    pilot.complete(
        MvpPilotLaunchProcess.Elements.TASK_PRODUCE_PILOT_SUMMARY,
        PilotSteps.confirmSummary("Summary.", "CSV export of the audit log"));
    pilot.complete(
        MvpPilotLaunchProcess.Elements.TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    pilot.completeAdrTasks();
    pilot.passSignOffs();
    pilot.executeJob(TASK_SET_MILESTONE_STATUS_COMPLETED);
    finishFromMilestoneReview(pi);

    ProcessInstance milestone7 =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(PostMvpEnhancementsProcess.PROCESS_ID)
            .processInstanceBusinessKey(pi.getBusinessKey())
            .singleResult();
    assertThat(
            runtime.getVariable(
                milestone7.getId(), PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATES))
        .as("Milestone 7 of the pilot left on the previous version")
        .isEqualTo("CSV export of the audit log\nBulk import");
  }

  private void finishFromPhase3(ProcessInstance pi) {
    on(pi);
    pilot.confirmSummaryAsPrefilled();
    pilot.complete(
        MvpPilotLaunchProcess.Elements.TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    pilot.completeAdrTasks();
    pilot.passSignOffs();
    pilot.executeJob(TASK_SET_MILESTONE_STATUS_COMPLETED);
    finishFromMilestoneReview(pi);
  }

  private void finishFromMilestoneReview(ProcessInstance pi) {
    on(pi);
    pilot.passMilestoneReview();
    pilot.executeJob(TASK_START_POST_MVP_ENHANCEMENTS);
  }

  private void on(ProcessInstance pi) {
    pilot.instance = pi;
    pilot.tenant = pi.getBusinessKey();
  }

  // ------------------------------------------------------------------ what a pilot is

  private ProcessDefinition deploy(String model, Path formsFolder) throws IOException {
    DeploymentBuilder deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .addClasspathResource(model)
            .addClasspathResource(PostMvpEnhancementsProcess.RESOURCE);
    try (var forms = Files.list(formsFolder)) {
      for (Path form : forms.filter(file -> file.toString().endsWith(".form")).toList()) {
        deployment.addInputStream(form.getFileName().toString(), Files.newInputStream(form));
      }
    }
    Deployment deployed = deployment.deploy();
    deployments.add(deployed.getId());
    return engine
        .getRepositoryService()
        .createProcessDefinitionQuery()
        .deploymentId(deployed.getId())
        .processDefinitionKey(MvpPilotLaunchProcess.PROCESS_ID)
        .singleResult();
  }

  /** Where the instance waits, subprocesses included, in a stable order. */
  private List<String> activities(ProcessInstance pi) {
    return runtime.getActiveActivityIds(pi.getId()).stream().sorted().toList();
  }

  /** Every variable of every scope, by scope kind and name; the values of one name sorted. */
  private Map<String, Object> variables(ProcessInstance pi) {
    Map<String, List<String>> all = new TreeMap<>();
    for (VariableInstance variable :
        runtime.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).list()) {
      String scope =
          variable.getTaskId() != null
              ? "task"
              : variable.getExecutionId().equals(pi.getId()) ? "process" : "scope";
      all.computeIfAbsent(scope + ":" + variable.getName(), name -> new java.util.ArrayList<>())
          .add(String.valueOf(variable.getValue()));
    }
    Map<String, Object> sorted = new TreeMap<>();
    all.forEach((name, values) -> sorted.put(name, values.stream().sorted().toList()));
    return sorted;
  }
}
