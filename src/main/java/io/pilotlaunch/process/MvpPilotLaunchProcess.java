package io.pilotlaunch.process;

import java.util.Set;

/**
 * The names of process {@code MvpPilotLaunch} (processes/MvpPilotLaunch.bpmn) that the code uses:
 * element ids, process variables, messages, delegate bean names, checklist item ids, forms. Only
 * those: the model itself is edited in Camunda Modeler, and {@code ProcessNamesTest} checks that
 * each name here exists in it.
 */
public final class MvpPilotLaunchProcess {

  public static final String PROCESS_ID = "MvpPilotLaunch";

  /** The milestone this process runs, as the roadmap index names it (docs/milestones/README.md). */
  public static final String MILESTONE_ID = "m6";

  public static final String RESOURCE = "processes/MvpPilotLaunch.bpmn";
  public static final String RETRY_CYCLE = "${jobRetries.cycle}";
  // The branches the model's input mappings name; the code reads the branch plans from the
  // document (milestones.MilestoneDefinition), and MilestoneDefinitionsTest keeps these equal to
  // it.
  public static final String INTEGRATION_BRANCH = "chore/m6-integration";
  public static final String PHASE1_BRANCH = "chore/m6-p1-pilot-tenant-onboarding";
  public static final String PHASE2_FIX_BRANCH_PREFIX = "fix/m6-p2-pilot-";
  public static final String PHASE3_BRANCH = "docs/m6-p3-pilot-exit-signoff";

  private MvpPilotLaunchProcess() {}

  /** Element ids (activities, events, gateways, subprocesses). */
  public static final class Elements {
    /** Milestone Pre-Checklist (Alignment + Drift Control) */
    public static final String SUB_PROCESS_PRE_CHECKLIST = "SubProcess_PreChecklist";

    /** Pilot scope, success metrics, and support coverage are defined */
    public static final String TASK_DEFINE_PILOT_SCOPE = "Task_DefinePilotScope";

    /** Tenant onboarding checklist is finalized */
    public static final String TASK_FINALIZE_ONBOARDING_CHECKLIST =
        "Task_FinalizeOnboardingChecklist";

    /** Rollback and incident handling paths are documented */
    public static final String TASK_DOCUMENT_ROLLBACK_PATHS = "Task_DocumentRollbackPaths";

    /** Pilot support and escalation ownership is documented */
    public static final String TASK_DOCUMENT_SUPPORT_OWNERSHIP = "Task_DocumentSupportOwnership";

    /** Roadmap status and owners are current */
    public static final String TASK_CONFIRM_ROADMAP_STATUS = "Task_ConfirmRoadmapStatus";

    /** Pre-checklist complete? */
    public static final String GATEWAY_PRE_CHECKLIST_COMPLETE = "Gateway_PreChecklistComplete";

    /** Pre-checklist complete */
    public static final String END_EVENT_PRE_CHECKLIST_COMPLETE = "EndEvent_PreChecklistComplete";

    /** Resolve pre-checklist drift */
    public static final String TASK_RESOLVE_PRE_CHECKLIST_DRIFT = "Task_ResolvePreChecklistDrift";

    /** Phase 1: Pilot Tenant Onboarding */
    public static final String SUB_PROCESS_PHASE1_PILOT_TENANT_ONBOARDING =
        "SubProcess_Phase1PilotTenantOnboarding";

    /** Configure tenant and environment routing */
    public static final String TASK_CONFIGURE_TENANT_ROUTING = "Task_ConfigureTenantRouting";

    /** Remove tenant routing */
    public static final String TASK_REMOVE_TENANT_ROUTING = "Task_RemoveTenantRouting";

    /** Resolve onboarding conflict */
    public static final String TASK_RESOLVE_TENANT_ROUTING_CONFLICT =
        "Task_ResolveTenantRoutingConflict";

    /** Provision baseline data/configuration */
    public static final String TASK_PROVISION_BASELINE = "Task_ProvisionBaseline";

    /** Deprovision baseline */
    public static final String TASK_DEPROVISION_BASELINE = "Task_DeprovisionBaseline";

    /** Confirm onboarding PR merged */
    public static final String TASK_CONFIRM_ONBOARDING_PR_MERGED = "Task_ConfirmOnboardingPrMerged";

    /** Pull request merged */
    public static final String BOUNDARY_EVENT_ONBOARDING_PR_MERGED =
        "BoundaryEvent_OnboardingPrMerged";

    /** Run automated onboarding verification */
    public static final String TASK_RUN_ONBOARDING_VERIFICATION = "Task_RunOnboardingVerification";

    /** Execute onboarding verification checklist */
    public static final String TASK_EXECUTE_ONBOARDING_VERIFICATION =
        "Task_ExecuteOnboardingVerification";

    /** Onboarding checklist validated */
    public static final String TASK_VALIDATE_ONBOARDING_CHECKLIST =
        "Task_ValidateOnboardingChecklist";

    /** Security and access validation complete */
    public static final String TASK_VALIDATE_SECURITY_ACCESS = "Task_ValidateSecurityAccess";

    /** Pilot onboarding docs match executed process */
    public static final String TASK_REVIEW_ONBOARDING_DOCS = "Task_ReviewOnboardingDocs";

    /** Tenant is ready for live pilot workflows? */
    public static final String GATEWAY_TENANT_READY_FOR_PILOT = "Gateway_TenantReadyForPilot";

    /** Tenant ready for live pilot */
    public static final String END_EVENT_PHASE1_COMPLETE = "EndEvent_Phase1Complete";

    /** Remediate tenant onboarding */
    public static final String TASK_REMEDIATE_TENANT_ONBOARDING = "Task_RemediateTenantOnboarding";

    /** Phase 2: Pilot Execution and Support */
    public static final String SUB_PROCESS_PHASE2_PILOT_EXECUTION =
        "SubProcess_Phase2PilotExecution";

    /** Monitor pilot usage, incidents, and support tickets */
    public static final String TASK_MONITOR_PILOT = "Task_MonitorPilot";

    /** Pilot window ended */
    public static final String BOUNDARY_EVENT_PILOT_WINDOW_ENDED = "BoundaryEvent_PilotWindowEnded";

    /** Support response SLAs met */
    public static final String TASK_REVIEW_SUPPORT_SLAS = "Task_ReviewSupportSlas";

    /** Fixes reviewed and tested */
    public static final String TASK_REVIEW_FIXES_TESTED = "Task_ReviewFixesTested";

    /** Pilot feedback mapping is current and traceable */
    public static final String TASK_REVIEW_FEEDBACK_MAPPING = "Task_ReviewFeedbackMapping";

    /** Pilot runs with no unresolved critical issues? */
    public static final String GATEWAY_PILOT_RUNS_CLEAN = "Gateway_PilotRunsClean";

    /** Pilot ran clean */
    public static final String END_EVENT_PHASE2_COMPLETE = "EndEvent_Phase2Complete";

    /** Resolve unresolved critical pilot issues */
    public static final String TASK_RESOLVE_CRITICAL_PILOT_ISSUES =
        "Task_ResolveCriticalPilotIssues";

    /** Pilot issue (event subprocess, one per reported issue) */
    public static final String SUB_PROCESS_PILOT_ISSUE = "SubProcess_PilotIssue";

    /** Pilot feedback (event subprocess, one per feedback item) */
    public static final String SUB_PROCESS_PILOT_FEEDBACK = "SubProcess_PilotFeedback";

    /** Triage pilot issue */
    public static final String TASK_TRIAGE_PILOT_ISSUE = "Task_TriagePilotIssue";

    /** Response SLA breached */
    public static final String BOUNDARY_EVENT_ISSUE_RESPONSE_SLA_BREACHED =
        "BoundaryEvent_IssueResponseSlaBreached";

    /** Escalate pilot issue past its response SLA */
    public static final String TASK_ESCALATE_PILOT_ISSUE = "Task_EscalatePilotIssue";

    /** Pilot issue escalated */
    public static final String END_EVENT_PILOT_ISSUE_ESCALATED = "EndEvent_PilotIssueEscalated";

    /** Fix approved? */
    public static final String GATEWAY_FIX_APPROVED = "Gateway_FixApproved";

    /** Pilot issue closed without fix */
    public static final String END_EVENT_PILOT_ISSUE_CLOSED_WITHOUT_FIX =
        "EndEvent_PilotIssueClosedWithoutFix";

    /** Apply approved fix in a small PR (backend) */
    public static final String TASK_APPLY_FIX_BACKEND = "Task_ApplyFixBackend";

    /** Apply approved fix in a small PR (frontend) */
    public static final String TASK_APPLY_FIX_FRONTEND = "Task_ApplyFixFrontend";

    /** Fix PR merged */
    public static final String BOUNDARY_EVENT_FIX_PR_MERGED_BACKEND =
        "BoundaryEvent_FixPrMergedBackend";

    /** Fix PR merged */
    public static final String BOUNDARY_EVENT_FIX_PR_MERGED_FRONTEND =
        "BoundaryEvent_FixPrMergedFrontend";

    /** Review and test fix */
    public static final String TASK_REVIEW_AND_TEST_FIX = "Task_ReviewAndTestFix";

    /** Fix reviewed and tested? */
    public static final String GATEWAY_FIX_PASSES_REVIEW = "Gateway_FixPassesReview";

    /** Pilot issue resolved */
    public static final String END_EVENT_PILOT_ISSUE_RESOLVED = "EndEvent_PilotIssueResolved";

    /** Track pilot feedback and categorize enhancement candidates */
    public static final String TASK_CATEGORIZE_PILOT_FEEDBACK = "Task_CategorizePilotFeedback";

    /** Phase 3: Pilot Exit and MVP Sign-Off */
    public static final String SUB_PROCESS_PHASE3_PILOT_EXIT_SIGN_OFF =
        "SubProcess_Phase3PilotExitSignOff";

    /** Compile pilot summary from recorded behaviour */
    public static final String TASK_COMPILE_PILOT_SUMMARY = "Task_CompilePilotSummary";

    /** Produce pilot summary (results, defects, risks, recommendations) */
    public static final String TASK_PRODUCE_PILOT_SUMMARY = "Task_ProducePilotSummary";

    /** Confirm MVP acceptance criteria completion */
    public static final String TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA =
        "Task_ConfirmMvpAcceptanceCriteria";

    /** Open post-MVP enhancement ADR tasks where needed */
    public static final String TASK_OPEN_ENHANCEMENT_ADRS = "Task_OpenEnhancementAdrs";

    /** Product sign-off */
    public static final String TASK_SIGN_OFF_PRODUCT = "Task_SignOffProduct";

    /** QA sign-off */
    public static final String TASK_SIGN_OFF_QA = "Task_SignOffQa";

    /** Security sign-off */
    public static final String TASK_SIGN_OFF_SECURITY = "Task_SignOffSecurity";

    /** Ops sign-off */
    public static final String TASK_SIGN_OFF_OPS = "Task_SignOffOps";

    /** Remaining risks are accepted or scheduled */
    public static final String TASK_ACCEPT_REMAINING_RISKS = "Task_AcceptRemainingRisks";

    /** Pilot summary aligns with observed implementation behavior */
    public static final String TASK_REVIEW_SUMMARY_ALIGNMENT = "Task_ReviewSummaryAlignment";

    /** MVP pilot is formally accepted? */
    public static final String GATEWAY_MVP_PILOT_ACCEPTED = "Gateway_MvpPilotAccepted";

    /** Set milestone status to Completed */
    public static final String TASK_SET_MILESTONE_STATUS_COMPLETED =
        "Task_SetMilestoneStatusCompleted";

    /** MVP pilot accepted */
    public static final String END_EVENT_PHASE3_COMPLETE = "EndEvent_Phase3Complete";

    /** Resolve sign-off findings */
    public static final String TASK_RESOLVE_SIGN_OFF_FINDINGS = "Task_ResolveSignOffFindings";

    /** What must be redone? */
    public static final String GATEWAY_WHAT_MUST_BE_REDONE = "Gateway_WhatMustBeRedone";

    /** Milestone Review Checklist */
    public static final String SUB_PROCESS_MILESTONE_REVIEW = "SubProcess_MilestoneReview";

    /** All phase exit criteria are complete */
    public static final String TASK_CONFIRM_PHASE_EXIT_CRITERIA = "Task_ConfirmPhaseExitCriteria";

    /** Milestone artifacts match roadmap index status */
    public static final String TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP =
        "Task_ConfirmArtifactsMatchRoadmap";

    /** Standards, ADR references, and docs remain consistent */
    public static final String TASK_CONFIRM_STANDARDS_CONSISTENCY =
        "Task_ConfirmStandardsConsistency";

    /** Milestone review passed? */
    public static final String GATEWAY_MILESTONE_REVIEW_PASSED = "Gateway_MilestoneReviewPassed";

    /** Confirm milestone status is Completed */
    public static final String TASK_CONFIRM_MILESTONE_STATUS_COMPLETED =
        "Task_ConfirmMilestoneStatusCompleted";

    /** Milestone review complete */
    public static final String END_EVENT_MILESTONE_REVIEW_COMPLETE =
        "EndEvent_MilestoneReviewComplete";

    /** Resolve milestone review findings */
    public static final String TASK_RESOLVE_MILESTONE_REVIEW_FINDINGS =
        "Task_ResolveMilestoneReviewFindings";

    /** Abort pilot */
    public static final String SUB_PROCESS_ABORT_PILOT = "SubProcess_AbortPilot";

    /** Onboarding completed? */
    public static final String GATEWAY_ONBOARDING_COMPLETED = "Gateway_OnboardingCompleted";

    /** Roll back tenant onboarding */
    public static final String INTERMEDIATE_THROW_EVENT_ROLL_BACK_ONBOARDING =
        "IntermediateThrowEvent_RollBackOnboarding";

    /** Remove tenant routing of the open onboarding */
    public static final String TASK_REMOVE_OPEN_TENANT_ROUTING = "Task_RemoveOpenTenantRouting";

    /** Deprovision baseline of the open onboarding */
    public static final String TASK_DEPROVISION_OPEN_BASELINE = "Task_DeprovisionOpenBaseline";

    /** Confirm rollback complete */
    public static final String TASK_CONFIRM_ROLLBACK_COMPLETE = "Task_ConfirmRollbackComplete";

    /** Pilot aborted */
    public static final String END_EVENT_PILOT_ABORTED = "EndEvent_PilotAborted";

    /** Pilot launch requested */
    public static final String START_EVENT_PILOT_LAUNCH_REQUESTED =
        "StartEvent_PilotLaunchRequested";

    /** Hand off to Milestone 7: Post-MVP Enhancements */
    public static final String TASK_START_POST_MVP_ENHANCEMENTS = "Task_StartPostMvpEnhancements";

    /** MVP pilot launched */
    public static final String END_EVENT_MVP_PILOT_LAUNCHED = "EndEvent_MvpPilotLaunched";

    private Elements() {}
  }

  /**
   * Process variables; task decisions are named after the task, issue/feedback data is
   * event-subprocess local.
   */
  public static final class Variables {
    /**
     * Copies and constants a task carries for Tasklist and the views, derived from the pilot or the
     * model: the runtime keeps them, history does not (pilot.VariableChangeHistory)
     */
    public static final Set<String> NOT_KEPT_IN_HISTORY =
        Set.of(Variables.CHECKLIST_ITEM_ID, Variables.TASK_TENANT, Variables.TASK_ENVIRONMENT);

    /** A task's checklist item id, in the task's own scope (input mapping) */
    public static final String CHECKLIST_ITEM_ID = "checklistItemId";

    /** pilot tenant id (also the business key) */
    public static final String TENANT_ID = "tenantId";

    /** pilot tenant display name */
    public static final String TENANT_NAME = "tenantName";

    /**
     * the repository the pilot's pull requests merge in (owner/name, or a GitLab path), optional;
     * its pilot_run row keeps it in lower case for matching merges
     */
    public static final String REPOSITORY = "repository";

    /** target environment, e.g. production */
    public static final String ENVIRONMENT = "environment";

    /** deployment region */
    public static final String REGION = "region";

    /** pilot window start, ISO-8601 date-time */
    public static final String PILOT_START = "pilotStart";

    /** pilot window end, ISO-8601 date-time; ends the monitoring task by timer */
    public static final String PILOT_END = "pilotEnd";

    /** user who started the pilot from Tasklist */
    public static final String PILOT_INITIATOR = "pilotInitiator";

    /** enhancement candidates collected from pilot feedback, one per line */
    public static final String PILOT_ENHANCEMENT_CANDIDATES = "pilotEnhancementCandidates";

    /** number of lines in pilotEnhancementCandidates */
    public static final String PILOT_ENHANCEMENT_CANDIDATE_COUNT = "pilotEnhancementCandidateCount";

    /** process instance started by the Milestone 7 hand-off */
    public static final String POST_MVP_ENHANCEMENTS_PROCESS_INSTANCE_ID =
        "postMvpEnhancementsProcessInstanceId";

    /** task-local input of the milestone status step: the status to set */
    public static final String MILESTONE_STATUS = "milestoneStatus";

    /** PullRequestMerged payload (local variable of the correlation): the branch that was merged */
    public static final String MERGED_BRANCH = "mergedBranch";

    /**
     * PullRequestMerged payload (local variable of the correlation): URL of the merged pull request
     */
    public static final String PULL_REQUEST_URL = "pullRequestUrl";

    /**
     * URL of the merged onboarding PR (pullRequestUrl of PullRequestMerged), null when confirmed by
     * hand
     */
    public static final String ONBOARDING_PR_URL = "onboardingPrUrl";

    /** PilotIssueReported payload, local to the issue's event subprocess */
    public static final String ISSUE_ID = "issueId";

    /** PilotIssueReported payload, local */
    public static final String ISSUE_TITLE = "issueTitle";

    /** PilotIssueReported payload, local */
    public static final String ISSUE_DESCRIPTION = "issueDescription";

    /** critical | high | medium | low; reported, confirmed in triage; local */
    public static final String ISSUE_SEVERITY = "issueSeverity";

    /** backend | frontend; set in triage; local */
    public static final String ISSUE_COMPONENT = "issueComponent";

    /** short kebab-case topic for the fix branch; set in triage; local */
    public static final String ISSUE_TOPIC = "issueTopic";

    /** ISO-8601 duration: triage due date and escalation timer; local; default by severity */
    public static final String ISSUE_RESPONSE_SLA = "issueResponseSla";

    /** triage decision: apply a fix; local */
    public static final String ISSUE_FIX_APPROVED = "issueFixApproved";

    /** triage comment; local */
    public static final String ISSUE_TRIAGE_COMMENT = "issueTriageComment";

    /** PilotFeedbackReceived payload, local */
    public static final String FEEDBACK_ID = "feedbackId";

    /** PilotFeedbackReceived payload, local */
    public static final String FEEDBACK_TEXT = "feedbackText";

    /** PilotFeedbackReceived payload, local */
    public static final String FEEDBACK_SOURCE = "feedbackSource";

    /**
     * category chosen for one feedback item (defect, usability, enhancement, documentation,
     * support); local
     */
    public static final String FEEDBACK_CATEGORY = "feedbackCategory";

    /** enhancement candidates of one feedback item, one per line; local */
    public static final String FEEDBACK_ENHANCEMENT_CANDIDATES = "feedbackEnhancementCandidates";

    /** payload of AbortPilot */
    public static final String ABORT_REASON = "abortReason";

    /** written by onboardingVerificationDelegate; shown to QA as details */
    public static final String ONBOARDING_VERIFICATION_REPORT = "onboardingVerificationReport";

    /** set by the verification delegate when every check passed */
    public static final String ONBOARDING_VERIFICATION_PASSED = "onboardingVerificationPassed";

    /** Done recorded on 'Pilot scope, success metrics, and support coverage are defined' */
    public static final String PILOT_SCOPE_DEFINED_DONE = "pilotScopeDefinedDone";

    /** Done recorded on 'Tenant onboarding checklist is finalized' */
    public static final String ONBOARDING_CHECKLIST_FINALIZED_DONE =
        "onboardingChecklistFinalizedDone";

    /** Decision recorded on 'Onboarding checklist validated' */
    public static final String ONBOARDING_CHECKLIST_VALIDATION_DECISION =
        "onboardingChecklistValidationDecision";

    /** Decision recorded on 'Security and access validation complete' */
    public static final String SECURITY_ACCESS_VALIDATION_DECISION =
        "securityAccessValidationDecision";

    /** Done recorded on 'Escalate pilot issue past its response SLA' */
    public static final String ISSUE_ESCALATION_DONE = "issueEscalationDone";

    /** EvidenceLink recorded on 'Escalate pilot issue past its response SLA' */
    public static final String ISSUE_ESCALATION_EVIDENCE_LINK = "issueEscalationEvidenceLink";

    /** Comment recorded on 'Escalate pilot issue past its response SLA' */
    public static final String ISSUE_ESCALATION_COMMENT = "issueEscalationComment";

    /** fix task: done; local */
    public static final String ISSUE_FIX_DONE = "issueFixDone";

    /** fix task: PR link (from the form, or pullRequestUrl when merged by the webhook); local */
    public static final String ISSUE_FIX_EVIDENCE_LINK = "issueFixEvidenceLink";

    /** fix task: comment; local */
    public static final String ISSUE_FIX_COMMENT = "issueFixComment";

    /** fix review: approve | reject; local */
    public static final String ISSUE_FIX_REVIEW_DECISION = "issueFixReviewDecision";

    /** fix review comment; local */
    public static final String ISSUE_FIX_REVIEW_COMMENT = "issueFixReviewComment";

    /** fix review rejection; local */
    public static final String ISSUE_FIX_REVIEW_REJECTION_REASON = "issueFixReviewRejectionReason";

    /**
     * URL of the merged fix PR (pullRequestUrl of PullRequestMerged), null when closed by hand;
     * local
     */
    public static final String ISSUE_FIX_PR_URL = "issueFixPrUrl";

    /**
     * Markdown draft of the pilot summary, compiled by pilotSummaryDelegate from the recorded
     * behaviour of the run; prefills the summary task (task-local summary)
     */
    public static final String PILOT_SUMMARY_DRAFT = "pilotSummaryDraft";

    /** the pilot summary as edited and confirmed on 'Produce pilot summary' (Markdown) */
    public static final String PILOT_SUMMARY_TEXT = "pilotSummaryText";

    /** 'Produce pilot summary': the summary is reviewed and confirmed (form field confirmed) */
    public static final String PILOT_SUMMARY_DONE = "pilotSummaryDone";

    /**
     * enhancement candidates product management kept for an ADR, one per line (trimmed, no blank
     * lines); the ADR tasks iterate them
     */
    public static final String PILOT_ADR_CANDIDATES = "pilotAdrCandidates";

    /** 'Product sign-off' rejected: what must be redone (summary | acceptance | adrs | signoffs) */
    public static final String PRODUCT_SIGN_OFF_REDO = "productSignOffRedo";

    /** Decision recorded on 'Product sign-off' */
    public static final String PRODUCT_SIGN_OFF_DECISION = "productSignOffDecision";

    /** 'QA sign-off' rejected: what must be redone (summary | acceptance | adrs | signoffs) */
    public static final String QA_SIGN_OFF_REDO = "qaSignOffRedo";

    /**
     * 'Security sign-off' rejected: what must be redone (summary | acceptance | adrs | signoffs)
     */
    public static final String SECURITY_SIGN_OFF_REDO = "securitySignOffRedo";

    /** Decision recorded on 'Security sign-off' */
    public static final String SECURITY_SIGN_OFF_DECISION = "securitySignOffDecision";

    /**
     * inProgress | completed: set by OnboardingStateListener on Phase 1 start/end; decides how
     * abort rolls back
     */
    public static final String ONBOARDING_STATE = "onboardingState";

    /**
     * The pilot's tenant id, copied onto each of its tasks (task-local): the Tasklist columns read
     * it with the team's right to read its task, not the pilot's variables
     */
    public static final String TASK_TENANT = "tasklistTenant";

    /** The pilot's environment, copied onto each of its tasks like {@link #TASK_TENANT} */
    public static final String TASK_ENVIRONMENT = "tasklistEnvironment";

    /**
     * What a task asks (what to do, why, which evidence) and the pilot in one line, as Markdown: a
     * form variable computed when the form is read, never stored; the forms show it at their top
     */
    public static final String TASK_GUIDE = "guide";

    /**
     * The configured issue severities as the triage form's choices ({@code valuesKey} of its
     * severity select): a form variable computed when the form is read, never stored
     */
    public static final String SEVERITY_OPTIONS = "severityOptions";

    /**
     * Variables the model never names: message payload our listeners copy into a scope, and
     * bookkeeping our listeners and delegates write and read.
     */
    public static final java.util.Set<String> WRITTEN_BY_CODE =
        java.util.Set.of(
            ISSUE_ID,
            FEEDBACK_ID,
            PILOT_ENHANCEMENT_CANDIDATE_COUNT,
            POST_MVP_ENHANCEMENTS_PROCESS_INSTANCE_ID,
            ONBOARDING_VERIFICATION_PASSED,
            TASK_TENANT,
            TASK_ENVIRONMENT);

    private Variables() {}
  }

  /** Message names (correlate by business key = tenant id). */
  public static final class Messages {
    public static final String PULL_REQUEST_MERGED = "PullRequestMerged";
    public static final String PILOT_ISSUE_REPORTED = "PilotIssueReported";
    public static final String PILOT_FEEDBACK_RECEIVED = "PilotFeedbackReceived";
    public static final String ABORT_PILOT = "AbortPilot";

    private Messages() {}
  }

  /** BPMN error codes the model catches. */
  public static final class Errors {
    /** Thrown by tenantRoutingDelegate; caught on "Configure tenant and environment routing". */
    public static final String ONBOARDING_CONFLICT = "ONBOARDING_CONFLICT";

    private Errors() {}
  }

  /** Spring bean names behind camunda:delegateExpression. */
  public static final class Beans {
    /** Retry cycle of every service task (pilot.job-retry-cycle) */
    public static final String JOB_RETRIES = "jobRetries";

    /** Process start listener: the pilot's Camunda tenant with the teams as members */
    public static final String PILOT_TENANT_REGISTRATION = "pilotTenantRegistration";

    /** Configure tenant and environment routing */
    public static final String TENANT_ROUTING_DELEGATE = "tenantRoutingDelegate";

    /** Remove tenant routing of the open onboarding */
    public static final String TENANT_ROUTING_COMPENSATION_DELEGATE =
        "tenantRoutingCompensationDelegate";

    /** Provision baseline data/configuration */
    public static final String BASELINE_PROVISIONING_DELEGATE = "baselineProvisioningDelegate";

    /** Deprovision baseline of the open onboarding */
    public static final String BASELINE_DEPROVISIONING_DELEGATE = "baselineDeprovisioningDelegate";

    /** Run automated onboarding verification */
    public static final String ONBOARDING_VERIFICATION_DELEGATE = "onboardingVerificationDelegate";

    /**
     * Issue register read by the model: long openCriticalCount(String tenantId) (Phase 2 exit),
     * String slaSummary(String tenantId), String openCriticalSummary(String tenantId) (task
     * details)
     */
    public static final String PILOT_ISSUES = "pilotIssues";

    /**
     * Task listener (complete) on 'Triage pilot issue': records the first response (reads issueId,
     * tenantId)
     */
    public static final String PILOT_ISSUE_TRIAGED = "pilotIssueTriaged";

    /**
     * Task listener (create) on the escalation task: records the response SLA breach (reads
     * issueId, tenantId)
     */
    public static final String PILOT_ISSUE_SLA_BREACHED = "pilotIssueSlaBreached";

    /**
     * Execution listener (end) on the issue end events 'resolved' and 'closed without fix': closes
     * the issue (tells them apart by getCurrentActivityId(); reads issueId, tenantId)
     */
    public static final String PILOT_ISSUE_CLOSED = "pilotIssueClosed";

    /**
     * JavaDelegate on 'Compile pilot summary from recorded behaviour': sets pilotSummaryDraft
     * (String, Markdown) from the run's recorded behaviour
     */
    public static final String PILOT_SUMMARY_DELEGATE = "pilotSummaryDelegate";

    /**
     * TaskListener (complete) on 'Produce pilot summary': stores the confirmed summary (task
     * variable summary) with who (task assignee) and when
     */
    public static final String PILOT_SUMMARY_CONFIRMED = "pilotSummaryConfirmed";

    /** Confirm milestone status is Completed */
    public static final String MILESTONE_STATUS_DELEGATE = "milestoneStatusDelegate";

    /**
     * Process start listener: the pilot run is active; a second active run of the tenant fails the
     * start
     */
    public static final String PILOT_RUN_STARTED = "pilotRunStarted";

    /** Process end listener: the pilot run ended (completed or aborted) */
    public static final String PILOT_RUN_ENDED = "pilotRunEnded";

    public static final String PILOT_ISSUE_SCOPE_LISTENER = "pilotIssueScopeListener";
    public static final String PILOT_FEEDBACK_SCOPE_LISTENER = "pilotFeedbackScopeListener";
    public static final String ENHANCEMENT_CANDIDATES_LISTENER = "enhancementCandidatesListener";
    public static final String ONBOARDING_STATE_LISTENER = "onboardingStateListener";
    public static final String TENANT_BUSINESS_KEY_LISTENER = "tenantBusinessKeyListener";
    public static final String START_POST_MVP_ENHANCEMENTS_DELEGATE =
        "startPostMvpEnhancementsDelegate";

    private Beans() {}
  }

  /**
   * Values of the extension property {@code checklistItem}: one per line of the milestone document.
   */
  public static final class ChecklistItems {
    public static final String PROPERTY = "checklistItem";

    /** Milestone status set to `Completed`. */
    public static final String PHASE3_EXIT_MILESTONE_STATUS_COMPLETED =
        "m6.phase3.exit.milestone-status-completed";

    /** Milestone status set to `Completed`. */
    public static final String REVIEW_MILESTONE_STATUS_COMPLETED =
        "m6.review.milestone-status-completed";

    private ChecklistItems() {}
  }

  /** Camunda Forms ids (forms/*.form), referenced by camunda:formRef. */
  public static final class Forms {
    /** forms/pilot-summary.form */
    public static final String PILOT_SUMMARY_FORM = "PilotSummaryForm";

    /** forms/pilot-issue-triage.form */
    public static final String PILOT_ISSUE_TRIAGE_FORM = "PilotIssueTriageForm";

    private Forms() {}
  }
}
