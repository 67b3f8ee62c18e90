#!/usr/bin/env python3
"""Generates processes/MvpPilotLaunch.bpmn, processes/PostMvpEnhancements.bpmn and the
constants classes io.pilotlaunch.process.{MvpPilotLaunchProcess,PostMvpEnhancementsProcess}.

Why a generator: the M6 model has ~90 elements, each user task with the same pattern
(candidate group, documentation quoting the seed, checklistItem property, form reference,
task-local inputs, outputs named after the task). Writing that pattern once keeps the model,
its diagram (BPMN DI, laid out left to right on a grid) and the Java names in step.

Usage (from the repository root):  python3 tools/model/generate_models.py
The generated files are committed; tests check model, forms and the milestone document.
Editing the BPMN in Camunda Modeler is fine too, but then re-running this script would
overwrite those edits: change the script, or stop using it (and keep the constants by hand).
"""
import os
import re
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# ---------------------------------------------------------------- names shared by both processes
TEAMS = ["product-management", "devops-sre", "security-compliance", "qa-testing",
         "backend-engineering", "frontend-engineering", "architecture", "docs-standards"]
# Every service task's retry cycle comes from configuration (pilot.job-retry-cycle, default R3/PT10S)
# through the bean "jobRetries"; the expression is evaluated when a job fails.
RETRY_CYCLE = "${jobRetries.cycle}"
INTEGRATION_BRANCH = "chore/m6-integration"
PHASE1_BRANCH = "chore/m6-p1-pilot-tenant-onboarding"
PHASE2_BRANCH_PATTERN = "fix/m6-p2-pilot-<topic>"
PHASE3_BRANCH = "docs/m6-p3-pilot-exit-signoff"
PRE = "Milestone Pre-Checklist (Alignment + Drift Control)"
P1 = "Phase 1: Pilot Tenant Onboarding"
P2 = "Phase 2: Pilot Execution and Support"
P3 = "Phase 3: Pilot Exit and MVP Sign-Off"
REVIEW = "Milestone Review Checklist"
DOC = "docs/milestones/m6-mvp-pilot-launch.md"

# forms: file name -> form id (the id inside the .form file)
FORMS = {
    "start-pilot": "StartPilotForm",
    "checklist-item": "ChecklistItemForm",
    "review-item": "ReviewItemForm",
    "sign-off": "SignOffForm",
    "pilot-issue-triage": "PilotIssueTriageForm",
    "pilot-feedback-categorization": "PilotFeedbackCategorizationForm",
    "enhancement-adr": "EnhancementAdrForm",
    "onboarding-conflict": "OnboardingConflictForm",
    "pilot-summary": "PilotSummaryForm",
}

# capture kinds: form, task-local variables (initial value), outputs suffix -> local variable
CAPTURE = {
    "checklist": ("checklist-item", [("done", "${false}"), ("evidenceLink", "${null}"), ("comment", "${null}")],
                  [("Done", "done"), ("EvidenceLink", "evidenceLink"), ("Comment", "comment")]),
    "review": ("review-item", [("decision", "${null}"), ("comment", "${null}"), ("rejectionReason", "${null}")],
               [("Decision", "decision"), ("Comment", "comment"), ("RejectionReason", "rejectionReason")]),
    "signoff": ("sign-off", [("decision", "${null}"), ("conditions", "${null}"), ("rejectionReason", "${null}"),
                             ("redo", "${null}"), ("comment", "${null}")],
                [("Decision", "decision"), ("Conditions", "conditions"), ("RejectionReason", "rejectionReason"),
                 ("Redo", "redo"), ("Comment", "comment")]),
}

# ---------------------------------------------------------------- geometry
COL, ROW = 170, 110
PAD_X, PAD_TOP, PAD_BOTTOM = 30, 60, 30
SIZE = {"task": (120, 80), "gateway": (50, 50), "event": (36, 36)}


def kind_of(el):
    t = el["type"]
    if t in ("userTask", "serviceTask"):
        return "task"
    if t in ("exclusiveGateway", "parallelGateway"):
        return "gateway"
    if t == "subProcess":
        return "container"
    return "event"


class Container:
    """A process or (event) subprocess laid out on a grid; row 0 is the main flow."""

    def __init__(self, cid, name, element_type="subProcess", triggered_by_event=False, doc=None, io=None,
                 listeners=None):
        self.id, self.name, self.type = cid, name, element_type
        self.triggered_by_event = triggered_by_event
        self.doc, self.io, self.listeners = doc, io or [], listeners or []
        self.elements, self.flows, self.associations, self.children = [], [], [], []
        self.bounds = None

    def add(self, **el):
        el.setdefault("container", self)
        self.elements.append(el)
        return el

    def flow(self, fid, src, tgt, name=None, cond=None, default=False, loop=False, label_end=False):
        self.flows.append(dict(id=fid, src=src, tgt=tgt, name=name, cond=cond, default=default, loop=loop,
                               label_end=label_end))

    # place elements; (x, y) = top-left of this container's content area
    def layout(self, x, y):
        for el in self.elements:
            if el["type"] == "boundaryEvent":
                continue
            if kind_of(el) == "container":
                continue
            w, h = SIZE[kind_of(el)]
            cx = x + el["col"] * COL + 60
            cy = y + el["row"] * ROW + 40
            el["b"] = (cx - w / 2, cy - h / 2, w, h)
        for el in self.elements:
            if el["type"] == "boundaryEvent":
                hx, hy, hw, hh = self.find(el["host"])["b"]
                cx = hx + hw * el.get("frac", 0.5)
                el["b"] = (cx - 18, hy + hh - 18, 36, 36)
        bottom = max(e["b"][1] + e["b"][3] for e in self.elements)
        right = max(e["b"][0] + e["b"][2] for e in self.elements)
        loops = [f for f in self.flows if f["loop"]]
        if loops:  # keep loops clear of the flows that leave a boundary event downwards (route(): sy + 20)
            sources = {f["src"] for f in self.flows}
            bottom = max([bottom] + [e["b"][1] + e["b"][3] + 20 for e in self.elements
                                     if e["type"] == "boundaryEvent" and e["id"] in sources])
        for i, f in enumerate(loops):
            f["loop_y"] = bottom + 25 + 15 * i
        if loops:
            bottom = bottom + 25 + 15 * len(loops)
        cx = x
        for child in self.children:
            cy = bottom + 40
            child.bounds = None
            child.layout(cx + PAD_X, cy + PAD_TOP)
            bx, by, bw, bh = child.bounds
            cx = bx + bw + 40
            right = max(right, bx + bw)
            bottom = max(bottom, by + bh)
        self.bounds = (x - PAD_X, y - PAD_TOP, right - x + 2 * PAD_X, bottom - y + PAD_TOP + PAD_BOTTOM)

    def find(self, eid):
        for e in self.elements:
            if e["id"] == eid:
                return e
        raise KeyError(eid)


def mid(b):
    return b[0] + b[2] / 2, b[1] + b[3] / 2


def route(s, t, f):
    sb, tb = s["b"], t["b"]
    scx, scy = mid(sb)
    tcx, tcy = mid(tb)
    sk, tk = kind_of(s), kind_of(t)
    if f.get("loop"):
        ly = f["loop_y"]
        return [(scx, sb[1] + sb[3]), (scx, ly), (tcx, ly), (tcx, tb[1] + tb[3])]
    if s["type"] == "boundaryEvent":
        sy = sb[1] + sb[3]
        if abs(scx - tcx) < 1:
            return [(scx, sy), (tcx, tb[1])]
        if tb[0] + tb[2] < scx:  # target below and to the left
            return [(scx, sy), (scx, tcy), (tb[0] + tb[2], tcy)]
        if tcy <= scy + 1:  # target on the host's row: go down, across, up
            ly = sy + 20
            ty = tb[1] + tb[3]
            return [(scx, sy), (scx, ly), (tcx, ly), (tcx, ty)]
        return [(scx, sy), (scx, tcy), (tb[0], tcy)]
    if abs(scy - tcy) < 1:
        return [(sb[0] + sb[2], scy), (tb[0], tcy)]
    if abs(scx - tcx) < 1:
        if tcy > scy:
            return [(scx, sb[1] + sb[3]), (tcx, tb[1])]
        return [(scx, sb[1]), (tcx, tb[1] + tb[3])]
    if sk == "gateway":
        sy = sb[1] + sb[3] if tcy > scy else sb[1]
        return [(scx, sy), (scx, tcy), (tb[0], tcy)]
    if tk == "gateway":
        ty = tb[1] + tb[3] if scy > tcy else tb[1]
        return [(sb[0] + sb[2], scy), (tcx, scy), (tcx, ty)]
    mx = (sb[0] + sb[2] + tb[0]) / 2
    return [(sb[0] + sb[2], scy), (mx, scy), (mx, tcy), (tb[0], tcy)]


# ---------------------------------------------------------------- model builders
VARS = {}          # name -> description (MvpPilotLaunch)
CHECKLIST = {}     # checklistItem id -> seed line
ELEMENTS = {}      # element id -> name
BEANS = {
    "jobRetries": "Retry cycle of every service task (pilot.job-retry-cycle)",
    "pilotTenantRegistration": "Process start listener: the pilot's Camunda tenant with the teams as members",
}


def bean(name, desc):
    """A Spring bean the model calls (delegateExpression or method expression); returns ${name}."""
    BEANS.setdefault(name, desc)
    return "${" + name + "}"


def listener_attr(ref):
    """A listener given as a class name, a ${bean} delegate expression or a ${...(...)} method expression."""
    if ref.startswith("${"):
        return f'expression="{ref}"' if "(" in ref else f'delegateExpression="{ref}"'
    return f'class="{ref}"'


def var(name, desc):
    VARS.setdefault(name, desc)
    return name


def user_task(c, tid, name, col, row, team, capture, prefix, phase, seed=None, item=None, why=None, links=None,
              extra_inputs=None, extra_outputs=None, form=None, listeners=None, multi=None):
    if isinstance(capture, str):
        form_file, locals_, outputs = CAPTURE[capture]
    else:
        form_file, (locals_, outputs) = form, capture
    inputs = [("checklistItem", escape(seed or name)), ("phase", escape(phase))]
    if item:
        inputs.append(("checklistItemId", item))
    for k, v in (links or {}).items():
        inputs.append((k, escape(v)))
    inputs += extra_inputs or []
    inputs += locals_
    outs = []
    for suffix, local in outputs:
        outs.append((var(prefix + suffix, f"{suffix} recorded on '{name}'"), "${" + local + "}"))
    outs += extra_outputs or []
    docs = []
    if seed:
        docs.append(f'Seed ({DOC}, {phase}): "- [ ] {seed}"')
    else:
        docs.append(f"Supporting step of {phase} (no checklist line of its own).")
    if why:
        docs.append(f"Owner: {team}. {why}")
    el = c.add(id=tid, type="userTask", name=name, col=col, row=row, team=team, form=FORMS[form_file],
               doc=" ".join(docs), item=item, inputs=inputs, outputs=outs, listeners=listeners or [],
               multi=multi)
    ELEMENTS[tid] = name
    if item:
        CHECKLIST.setdefault(item, seed)
    return el


def service_task(c, tid, name, col, row, bean=None, cls=None, doc="", item=None, seed=None, compensation=False,
                 inputs=None):
    el = c.add(id=tid, type="serviceTask", name=name, col=col, row=row, bean=bean, cls=cls, item=item,
               doc=doc, compensation=compensation, inputs=inputs or [])
    if bean:
        BEANS[bean] = name
    ELEMENTS[tid] = name
    if item:
        CHECKLIST.setdefault(item, seed)
    return el


def gateway(c, gid, name, col, row, parallel=False, item=None, seed=None, doc=None):
    el = c.add(id=gid, type="parallelGateway" if parallel else "exclusiveGateway", name=name, col=col, row=row,
               item=item, doc=doc)
    ELEMENTS[gid] = name
    if item:
        CHECKLIST.setdefault(item, seed)
    return el


def event(c, eid, etype, name, col=0, row=0, **kw):
    el = c.add(id=eid, type=etype, name=name, col=col, row=row, **kw)
    ELEMENTS[eid] = name
    return el


def container(parent, cid, name, **kw):
    sub = Container(cid, name, **kw)
    ELEMENTS[cid] = name
    if parent is not None:
        parent.children.append(sub)
    return sub


def all_true(prefixes, suffix="Done"):
    return "${" + " && ".join(p + suffix for p in prefixes) + "}"


def all_eq(prefixes, value):
    return "${" + " && ".join(f"{p}Decision == '{value}'" for p in prefixes) + "}"


# ================================================================= MvpPilotLaunch
# PullRequestMerged: the webhook correlates by the task-local branch and prTarget and sets the payload
# mergedBranch, pullRequestUrl local to the waiting task's execution, which the interrupting boundary
# event then cancels. The task declares both (null until merged) and maps the URL out; output mappings
# also run when the boundary event cancels the task.
PR_MERGED_INPUTS = [("mergedBranch", "${null}"), ("pullRequestUrl", "${null}")]


def pr_merged_outputs(url_var, evidence_var):
    return [(url_var, "${pullRequestUrl}"),
            (evidence_var, "${pullRequestUrl != null ? pullRequestUrl : evidenceLink}")]
PILOT_ISSUES = "pilotIssues"
PILOT_ISSUES_DESC = ("Issue register read by the model: long openCriticalCount(String tenantId) (Phase 2 exit), "
                     "String slaSummary(String tenantId), String openCriticalSummary(String tenantId) (task details)")


def build_mvp():
    for v, d in [("tenantId", "pilot tenant id (also the business key)"), ("tenantName", "pilot tenant display name"),
                 ("environment", "target environment, e.g. production"), ("region", "deployment region"),
                 ("pilotStart", "pilot window start, ISO-8601 date-time"),
                 ("pilotEnd", "pilot window end, ISO-8601 date-time; ends the monitoring task by timer"),
                 ("pilotInitiator", "user who started the pilot from Tasklist"),
                 ("pilotEnhancementCandidates", "enhancement candidates collected from pilot feedback, one per line"),
                 ("pilotEnhancementCandidateCount", "number of lines in pilotEnhancementCandidates"),
                 ("postMvpEnhancementsProcessInstanceId", "process instance started by the Milestone 7 hand-off"),
                 ("milestoneStatus", "task-local input of the milestone status step: the status to set"),
                 ("milestoneStatusSource", "task-local input of the milestone status step: which checklist line"),
                 ("mergedBranch", "PullRequestMerged payload (local variable of the correlation): the branch that was merged"),
                 ("pullRequestUrl", "PullRequestMerged payload (local variable of the correlation): URL of the merged pull request"),
                 ("onboardingPrUrl", "URL of the merged onboarding PR (pullRequestUrl of PullRequestMerged), null when confirmed by hand"),
                 ("issueId", "PilotIssueReported payload, local to the issue's event subprocess"),
                 ("issueTitle", "PilotIssueReported payload, local"), ("issueDescription", "PilotIssueReported payload, local"),
                 ("issueSeverity", "critical | high | medium | low; reported, confirmed in triage; local"),
                 ("issueComponent", "backend | frontend; set in triage; local"),
                 ("issueTopic", "short kebab-case topic for the fix branch; set in triage; local"),
                 ("issueResponseSla", "ISO-8601 duration: triage due date and escalation timer; local; default by severity"),
                 ("issueFixApproved", "triage decision: apply a fix; local"),
                 ("issueTriageComment", "triage comment; local"),
                 ("feedbackId", "PilotFeedbackReceived payload, local"), ("feedbackText", "PilotFeedbackReceived payload, local"),
                 ("feedbackSource", "PilotFeedbackReceived payload, local"),
                 ("feedbackCategory", "category chosen for one feedback item (defect, usability, enhancement, documentation, support); local"),
                 ("feedbackEnhancementCandidates", "enhancement candidates of one feedback item, one per line; local"),
                 ("abortReason", "payload of AbortPilot"),
                 ("onboardingVerificationReport", "written by onboardingVerificationDelegate; shown to QA as details")]:
        var(v, d)

    proc = Container("MvpPilotLaunch", "Milestone 6: MVP Pilot Launch", element_type="process")
    top = proc

    # ---- pre-checklist
    pre = container(None, "SubProcess_PreChecklist", PRE,
                    doc=f"Seed section '{PRE}': the five alignment items in parallel; drift is resolved and re-checked.")
    event(pre, "StartEvent_PreChecklist", "startEvent", "Pre-checklist started", 0, 0)
    gateway(pre, "Gateway_PreChecklistMerge", "", 1, 0)
    gateway(pre, "Gateway_PreChecklistSplit", "", 2, 0, parallel=True)
    pre_items = [
        ("Task_DefinePilotScope", "Pilot scope, success metrics, and support coverage are defined.", "pilotScopeDefined",
         "product-management", "m6.pre.pilot-scope", "Product Management + TPM is the milestone owner and owns scope and success metrics."),
        ("Task_FinalizeOnboardingChecklist", "Tenant onboarding checklist is finalized.", "onboardingChecklistFinalized",
         "devops-sre", "m6.pre.onboarding-checklist", "DevOps + SRE executes the onboarding (Phase 1) and owns its checklist."),
        ("Task_DocumentRollbackPaths", "Rollback and incident handling paths are documented.", "rollbackPathsDocumented",
         "devops-sre", "m6.pre.rollback-incident-paths", "DevOps + SRE is the technical owner and runs rollback and incidents."),
        ("Task_DocumentSupportOwnership", "Pilot support and escalation ownership is documented.", "supportOwnershipDocumented",
         "product-management", "m6.pre.support-escalation", "Product Management + TPM owns the pilot support rota and escalation chain."),
        ("Task_ConfirmRoadmapStatus", "Roadmap status and owners are current.", "roadmapStatusCurrent",
         "product-management", "m6.pre.roadmap-status", "Product Management + TPM keeps the roadmap index."),
    ]
    for i, (tid, seed, prefix, team, item, why) in enumerate(pre_items):
        user_task(pre, tid, seed.rstrip("."), 3, i, team, "checklist", prefix, PRE, seed, item, why)
        pre.flow(f"SequenceFlow_PreChecklistSplitTo{tid[5:]}", "Gateway_PreChecklistSplit", tid)
        pre.flow(f"SequenceFlow_{tid[5:]}ToPreChecklistJoin", tid, "Gateway_PreChecklistJoin")
    gateway(pre, "Gateway_PreChecklistJoin", "", 4, 0, parallel=True)
    gateway(pre, "Gateway_PreChecklistComplete", "Pre-checklist complete?", 5, 0,
            doc="Yes when every pre-checklist item is marked done; otherwise the drift is resolved and all items are re-checked.")
    event(pre, "EndEvent_PreChecklistComplete", "endEvent", "Pre-checklist complete", 6, 0)
    user_task(pre, "Task_ResolvePreChecklistDrift", "Resolve pre-checklist drift", 6, 1, "product-management", "checklist",
              "preChecklistDriftResolution", PRE,
              why="Product Management + TPM owns the milestone and drives open alignment items to done.")
    pre.flow("SequenceFlow_PreChecklistStart", "StartEvent_PreChecklist", "Gateway_PreChecklistMerge")
    pre.flow("SequenceFlow_PreChecklistMergeToSplit", "Gateway_PreChecklistMerge", "Gateway_PreChecklistSplit")
    pre.flow("SequenceFlow_PreChecklistJoinToGateway", "Gateway_PreChecklistJoin", "Gateway_PreChecklistComplete")
    pre.flow("SequenceFlow_PreChecklistCompleteYes", "Gateway_PreChecklistComplete", "EndEvent_PreChecklistComplete", "yes",
             all_true([p[2] for p in pre_items]))
    pre.flow("SequenceFlow_PreChecklistCompleteNo", "Gateway_PreChecklistComplete", "Task_ResolvePreChecklistDrift", "no",
             default=True)
    pre.flow("SequenceFlow_PreChecklistDriftResolved", "Task_ResolvePreChecklistDrift", "Gateway_PreChecklistMerge",
             loop=True)

    # ---- phase 1
    p1 = container(None, "SubProcess_Phase1PilotTenantOnboarding", P1,
                   listeners=[("start", "io.pilotlaunch.process.OnboardingStateListener")],
                   doc="Seed Phase 1 goal: onboard the pilot tenant into production with validated routing, access, and baseline configuration.")
    event(p1, "StartEvent_Phase1", "startEvent", "Phase 1 started", 0, 0)
    gateway(p1, "Gateway_RoutingMerge", "", 1, 0)
    service_task(p1, "Task_ConfigureTenantRouting", "Configure tenant and environment routing", 2, 0,
                 bean="tenantRoutingDelegate", item="m6.phase1.dev.tenant-routing",
                 seed="Configure tenant and environment routing.",
                 doc=f'Seed ({P1}, DevOps + SRE): "- [ ] Configure tenant and environment routing." Machine work, idempotent; compensated by "Remove tenant routing".')
    event(p1, "BoundaryEvent_CompensateTenantRouting", "boundaryEvent", "Undo routing", host="Task_ConfigureTenantRouting",
          compensate=True, frac=0.5)
    service_task(p1, "Task_RemoveTenantRouting", "Remove tenant routing", 2, 2.4,
                 bean="tenantRoutingCompensationDelegate", compensation=True,
                 doc="Compensation handler: removes the tenant's routing when the pilot is aborted.")
    event(p1, "BoundaryEvent_TenantRoutingConflict", "boundaryEvent", "Routing conflict",
          host="Task_ConfigureTenantRouting", error="Error_OnboardingConflict", frac=0.15,
          error_message=var("onboardingConflictMessage", "What the routing conflict is, from tenantRoutingDelegate"))
    user_task(p1, "Task_ResolveTenantRoutingConflict", "Resolve onboarding conflict", 1, 1.2, "devops-sre",
              ([("environment", "${environment}"), ("region", "${region}"), ("comment", "${null}")],
               [("Environment", "environment"), ("Region", "region"), ("Comment", "comment")]),
              "onboardingConflictResolution", P1, form="onboarding-conflict",
              extra_inputs=[("details", "${execution.getVariable('onboardingConflictMessage')}")],
              # the corrected target is the pilot's own from now on
              extra_outputs=[("environment", "${environment}"), ("region", "${region}")],
              why="The routing delegate raises ONBOARDING_CONFLICT when the tenant is routed elsewhere or the "
                  "environment or region is unknown; DevOps + SRE (technical owner) corrects the target or clears the "
                  "old route, then routing runs again. A pilot that cannot go on is aborted (AbortPilot).")
    service_task(p1, "Task_ProvisionBaseline", "Provision baseline data/configuration", 3, 0,
                 bean="baselineProvisioningDelegate", item="m6.phase1.dev.baseline-provisioning",
                 seed="Provision baseline data/configuration.",
                 doc=f'Seed ({P1}, DevOps + SRE): "- [ ] Provision baseline data/configuration." Machine work, idempotent; compensated by "Deprovision baseline".')
    event(p1, "BoundaryEvent_CompensateBaseline", "boundaryEvent", "Undo baseline", host="Task_ProvisionBaseline", compensate=True,
          frac=0.5)
    service_task(p1, "Task_DeprovisionBaseline", "Deprovision baseline", 3, 2.4, bean="baselineDeprovisioningDelegate",
                 compensation=True, doc="Compensation handler: removes the baseline data/configuration when the pilot is aborted.")
    user_task(p1, "Task_ConfirmOnboardingPrMerged", "Confirm onboarding PR merged", 4, 0, "devops-sre", "checklist",
              "onboardingPrMerged", P1,
              why=f"Branch and PR plan: {PHASE1_BRANCH} into {INTEGRATION_BRANCH}. The git webhook normally correlates "
                  "PullRequestMerged (boundary event) and closes this task; DevOps + SRE confirms by hand when no webhook arrives.",
              links={"branch": PHASE1_BRANCH, "prTarget": INTEGRATION_BRANCH}, extra_inputs=PR_MERGED_INPUTS,
              extra_outputs=pr_merged_outputs("onboardingPrUrl", "onboardingPrMergedEvidenceLink"))
    event(p1, "BoundaryEvent_OnboardingPrMerged", "boundaryEvent", "Pull request merged",
          host="Task_ConfirmOnboardingPrMerged", message="PullRequestMerged", frac=0.5)
    gateway(p1, "Gateway_VerificationMerge", "", 5, 0)
    service_task(p1, "Task_RunOnboardingVerification", "Run automated onboarding verification", 6, 0,
                 bean="onboardingVerificationDelegate", item="m6.phase1.dev.onboarding-verification",
                 seed="Execute onboarding verification checklist.",
                 doc=f'Seed ({P1}, QA + Testing): "- [ ] Execute onboarding verification checklist." The machine-checkable part '
                     '(routing answers, baseline present); its result is context for the QA task.')
    user_task(p1, "Task_ExecuteOnboardingVerification", "Execute onboarding verification checklist", 7, 0, "qa-testing",
              "checklist", "onboardingVerification", P1, "Execute onboarding verification checklist.",
              "m6.phase1.dev.onboarding-verification", "Named by the seed (QA + Testing).",
              extra_inputs=[("details", "${execution.getVariable('onboardingVerificationReport')}")])
    gateway(p1, "Gateway_Phase1ReviewSplit", "", 8, 0, parallel=True)
    p1_reviews = [
        ("Task_ValidateOnboardingChecklist", "Onboarding checklist validated.", "onboardingChecklistValidation", "qa-testing",
         "m6.phase1.review.onboarding-checklist", "QA + Testing executed the verification checklist and validates it."),
        ("Task_ValidateSecurityAccess", "Security and access validation complete.", "securityAccessValidation",
         "security-compliance", "m6.phase1.review.security-access", "Security + Compliance owns access validation."),
        ("Task_ReviewOnboardingDocs", "Pilot onboarding docs match executed process.", "onboardingDocsReview",
         "docs-standards", "m6.phase1.review.onboarding-docs", "Docs + Standards owns documentation consistency."),
    ]
    for i, (tid, seed, prefix, team, item, why) in enumerate(p1_reviews):
        user_task(p1, tid, seed.rstrip("."), 9, i, team, "review", prefix, P1, seed, item, why)
        p1.flow(f"SequenceFlow_Phase1ReviewSplitTo{tid[5:]}", "Gateway_Phase1ReviewSplit", tid)
        p1.flow(f"SequenceFlow_{tid[5:]}ToPhase1ReviewJoin", tid, "Gateway_Phase1ReviewJoin")
    gateway(p1, "Gateway_Phase1ReviewJoin", "", 10, 0, parallel=True)
    gateway(p1, "Gateway_TenantReadyForPilot", "Tenant is ready for live pilot workflows?", 11, 0,
            item="m6.phase1.exit.tenant-ready", seed="Tenant is ready for live pilot workflows.",
            doc=f'Seed ({P1}, Exit Criteria): "- [ ] Tenant is ready for live pilot workflows." Yes when the QA verification is done and all three reviews approve.')
    event(p1, "EndEvent_Phase1Complete", "endEvent", "Tenant ready for live pilot", 12, 0,
          listeners=[("end", "io.pilotlaunch.process.OnboardingStateListener")])
    user_task(p1, "Task_RemediateTenantOnboarding", "Remediate tenant onboarding", 12, 1, "devops-sre", "checklist",
              "onboardingRemediation", P1,
              why="DevOps + SRE is the technical owner of routing and baseline; verification and reviews run again afterwards.")
    p1.flow("SequenceFlow_Phase1Start", "StartEvent_Phase1", "Gateway_RoutingMerge")
    p1.flow("SequenceFlow_RoutingMergeToRouting", "Gateway_RoutingMerge", "Task_ConfigureTenantRouting")
    p1.flow("SequenceFlow_TenantRoutingConflict", "BoundaryEvent_TenantRoutingConflict", "Task_ResolveTenantRoutingConflict")
    p1.flow("SequenceFlow_TenantRoutingConflictResolved", "Task_ResolveTenantRoutingConflict", "Gateway_RoutingMerge")
    p1.flow("SequenceFlow_RoutingToProvisioning", "Task_ConfigureTenantRouting", "Task_ProvisionBaseline")
    p1.flow("SequenceFlow_ProvisioningToPrMerged", "Task_ProvisionBaseline", "Task_ConfirmOnboardingPrMerged")
    p1.flow("SequenceFlow_OnboardingPrConfirmed", "Task_ConfirmOnboardingPrMerged", "Gateway_VerificationMerge")
    p1.flow("SequenceFlow_OnboardingPrMergedMessage", "BoundaryEvent_OnboardingPrMerged", "Gateway_VerificationMerge")
    p1.flow("SequenceFlow_VerificationMergeToAutomated", "Gateway_VerificationMerge", "Task_RunOnboardingVerification")
    p1.flow("SequenceFlow_AutomatedToQaVerification", "Task_RunOnboardingVerification", "Task_ExecuteOnboardingVerification")
    p1.flow("SequenceFlow_QaVerificationToReviews", "Task_ExecuteOnboardingVerification", "Gateway_Phase1ReviewSplit")
    p1.flow("SequenceFlow_Phase1ReviewJoinToExit", "Gateway_Phase1ReviewJoin", "Gateway_TenantReadyForPilot")
    p1.flow("SequenceFlow_TenantReadyYes", "Gateway_TenantReadyForPilot", "EndEvent_Phase1Complete", "yes",
            "${onboardingVerificationDone && " + all_eq([p[2] for p in p1_reviews], "approve")[2:])
    p1.flow("SequenceFlow_TenantReadyNo", "Gateway_TenantReadyForPilot", "Task_RemediateTenantOnboarding", "no",
            default=True)
    p1.flow("SequenceFlow_OnboardingRemediated", "Task_RemediateTenantOnboarding", "Gateway_VerificationMerge", loop=True)
    # associations inside the subprocess: the engine links handler and boundary event only there
    # (bpmnlint's no-implicit-end looks at process level only; tools/bpmnlint-plugin-local fixes that)
    p1.associations += [("Association_RemoveTenantRouting", "BoundaryEvent_CompensateTenantRouting", "Task_RemoveTenantRouting"),
                        ("Association_DeprovisionBaseline", "BoundaryEvent_CompensateBaseline", "Task_DeprovisionBaseline")]

    # ---- phase 2
    p2 = container(None, "SubProcess_Phase2PilotExecution", P2,
                   doc="Seed Phase 2 goal: operate and support live pilot usage while keeping fixes small, controlled, and traceable. "
                       "Issues and feedback arrive as messages while this phase is active.")
    event(p2, "StartEvent_Phase2", "startEvent", "Phase 2 started", 0, 0)
    user_task(p2, "Task_MonitorPilot", "Monitor pilot usage, incidents, and support tickets", 1, 0, "product-management",
              "checklist", "pilotMonitoring", P2, "Monitor pilot usage, incidents, and support tickets.",
              "m6.phase2.dev.monitor-pilot", "Named by the seed (Product Management + TPM). Open for the pilot window: "
              "closed by the team or by the timer at pilotEnd.", extra_inputs=[("pilotEnd", "${pilotEnd}")])
    event(p2, "BoundaryEvent_PilotWindowEnded", "boundaryEvent", "Pilot window ended", host="Task_MonitorPilot",
          timer=("timeDate", "${pilotEnd}"), frac=0.5)
    gateway(p2, "Gateway_Phase2ReviewMerge", "", 2, 0)
    gateway(p2, "Gateway_Phase2ReviewSplit", "", 3, 0, parallel=True)
    p2_reviews = [
        ("Task_ReviewSupportSlas", "Support response SLAs met.", "supportSlaReview", "devops-sre",
         "m6.phase2.review.support-slas", "The seed names no owner; DevOps + SRE (technical owner) runs support and its SLAs."),
        ("Task_ReviewFixesTested", "Fixes reviewed and tested.", "fixesReview", "qa-testing",
         "m6.phase2.review.fixes-tested", "The seed names no owner; QA + Testing reviews and tests every fix."),
        ("Task_ReviewFeedbackMapping", "Pilot feedback mapping is current and traceable.", "feedbackMappingReview",
         "docs-standards", "m6.phase2.review.feedback-mapping", "Docs + Standards tracks pilot feedback (Phase 2 checklist)."),
    ]
    p2_details = {"Task_ReviewSupportSlas": [("details", "${" + PILOT_ISSUES + ".slaSummary(tenantId)}")]}
    for i, (tid, seed, prefix, team, item, why) in enumerate(p2_reviews):
        user_task(p2, tid, seed.rstrip("."), 4, i, team, "review", prefix, P2, seed, item, why,
                  extra_inputs=p2_details.get(tid))
        p2.flow(f"SequenceFlow_Phase2ReviewSplitTo{tid[5:]}", "Gateway_Phase2ReviewSplit", tid)
        p2.flow(f"SequenceFlow_{tid[5:]}ToPhase2ReviewJoin", tid, "Gateway_Phase2ReviewJoin")
    gateway(p2, "Gateway_Phase2ReviewJoin", "", 5, 0, parallel=True)
    gateway(p2, "Gateway_PilotRunsClean", "Pilot runs with no unresolved critical issues?", 6, 0,
            item="m6.phase2.exit.no-critical-issues", seed="Pilot runs with no unresolved critical issues.",
            doc=f'Seed ({P2}, Exit Criteria): "- [ ] Pilot runs with no unresolved critical issues." Yes when all three reviews '
                'approve and pilotIssues.openCriticalCount(tenantId) == 0 (the issue register has no open critical issue).')
    event(p2, "EndEvent_Phase2Complete", "endEvent", "Pilot ran clean", 7, 0)
    user_task(p2, "Task_ResolveCriticalPilotIssues", "Resolve unresolved critical pilot issues", 7, 1, "devops-sre",
              "checklist", "criticalIssueResolution", P2,
              why="DevOps + SRE is the technical owner and runs incident handling; the reviews run again afterwards. "
                  "Details: the open critical issues from the issue register.",
              extra_inputs=[("details", "${" + PILOT_ISSUES + ".openCriticalSummary(tenantId)}")])
    p2.flow("SequenceFlow_Phase2Start", "StartEvent_Phase2", "Task_MonitorPilot")
    p2.flow("SequenceFlow_MonitoringClosed", "Task_MonitorPilot", "Gateway_Phase2ReviewMerge")
    p2.flow("SequenceFlow_PilotWindowEnded", "BoundaryEvent_PilotWindowEnded", "Gateway_Phase2ReviewMerge")
    p2.flow("SequenceFlow_Phase2ReviewMergeToSplit", "Gateway_Phase2ReviewMerge", "Gateway_Phase2ReviewSplit")
    p2.flow("SequenceFlow_Phase2ReviewJoinToExit", "Gateway_Phase2ReviewJoin", "Gateway_PilotRunsClean")
    bean(PILOT_ISSUES, PILOT_ISSUES_DESC)
    p2.flow("SequenceFlow_PilotRunsCleanYes", "Gateway_PilotRunsClean", "EndEvent_Phase2Complete", "yes",
            all_eq([p[2] for p in p2_reviews], "approve")[:-1] + f" && {PILOT_ISSUES}.openCriticalCount(tenantId) == 0}}")
    p2.flow("SequenceFlow_PilotRunsCleanNo", "Gateway_PilotRunsClean", "Task_ResolveCriticalPilotIssues", "no", default=True)
    p2.flow("SequenceFlow_CriticalIssuesResolved", "Task_ResolveCriticalPilotIssues", "Gateway_Phase2ReviewMerge", loop=True)

    # phase 2: issue event subprocess
    iss = container(p2, "SubProcess_PilotIssue", "Pilot issue", triggered_by_event=True,
                    doc="One instance per reported issue (message PilotIssueReported, non-interrupting). Its variables are local "
                        "to this subprocess (see PilotIssueScopeListener), so concurrent issues never overwrite each other.",
                    listeners=[("start", "io.pilotlaunch.process.PilotIssueScopeListener")])
    event(iss, "StartEvent_PilotIssueReported", "startEvent", "Pilot issue reported", 0, 0, message="PilotIssueReported",
          interrupting=False)
    user_task(iss, "Task_TriagePilotIssue", "Triage pilot issue", 1, 0, "product-management",
              ([("severity", "${issueSeverity}"), ("component", "${issueComponent}"), ("topic", "${issueTopic}"),
                ("approveFix", "${null}"), ("comment", "${null}")], []), None, P2, form="pilot-issue-triage",
              why="Product Management + TPM monitors support tickets (Phase 2 checklist) and decides which fixes are approved. "
                  "Due date and escalation timer come from issueResponseSla (ISO-8601 duration, default by severity).",
              extra_inputs=[("issueTitle", "${issueTitle}"), ("issueDescription", "${issueDescription}")],
              extra_outputs=[("issueSeverity", "${severity}"), ("issueComponent", "${component}"), ("issueTopic", "${topic}"),
                             ("issueFixApproved", "${approveFix == 'yes'}"), ("issueTriageComment", "${comment}")],
              listeners=[("complete", bean("pilotIssueTriaged", "Task listener (complete) on 'Triage pilot issue': "
                                           "records the first response (reads issueId, tenantId)"))])
    iss.find("Task_TriagePilotIssue")["due"] = "${issueResponseSla}"
    event(iss, "BoundaryEvent_IssueResponseSlaBreached", "boundaryEvent", "Response SLA breached",
          host="Task_TriagePilotIssue", timer=("timeDuration", "${issueResponseSla}"), interrupting=False, frac=0.5)
    user_task(iss, "Task_EscalatePilotIssue", "Escalate pilot issue past its response SLA", 1, 2, "devops-sre",
              "checklist", "issueEscalation", P2,
              why="DevOps + SRE is the technical owner and the escalation line named in the pre-checklist.",
              extra_inputs=[("issueTitle", "${issueTitle}"), ("issueSeverity", "${issueSeverity}"),
                            ("issueResponseSla", "${issueResponseSla}")],
              listeners=[("create", bean("pilotIssueSlaBreached", "Task listener (create) on the escalation task: "
                                         "records the response SLA breach (reads issueId, tenantId)"))])
    event(iss, "EndEvent_PilotIssueEscalated", "endEvent", "Pilot issue escalated", 2, 2)
    gateway(iss, "Gateway_FixApproved", "Fix approved?", 2, 0)
    issue_closed = bean("pilotIssueClosed", "Execution listener (end) on the issue end events 'resolved' and 'closed "
                        "without fix': closes the issue (tells them apart by getCurrentActivityId(); reads issueId, tenantId)")
    event(iss, "EndEvent_PilotIssueClosedWithoutFix", "endEvent", "Pilot issue closed without fix", 2, 1,
          listeners=[("end", issue_closed)])
    gateway(iss, "Gateway_FixMerge", "", 3, 0)
    gateway(iss, "Gateway_FixComponent", "Which component needs the fix?", 4, 0)
    fix_links = {"prTarget": INTEGRATION_BRANCH}
    fix_inputs = [("branch", "fix/m6-p2-pilot-${issueTopic}"), ("issueTitle", "${issueTitle}"),
                  ("issueSeverity", "${issueSeverity}")] + PR_MERGED_INPUTS
    fix_outputs = pr_merged_outputs("issueFixPrUrl", "issueFixEvidenceLink")
    user_task(iss, "Task_ApplyFixBackend", "Apply approved fix in a small PR (backend)", 5, 0, "backend-engineering",
              "checklist", "issueFix", P2, "Apply approved fixes in small PR increments.", "m6.phase2.dev.apply-fixes",
              f"Backend Engineering, chosen by the issue's component. Branch pattern {PHASE2_BRANCH_PATTERN} into {INTEGRATION_BRANCH}.",
              links=fix_links, extra_inputs=fix_inputs, extra_outputs=fix_outputs)
    user_task(iss, "Task_ApplyFixFrontend", "Apply approved fix in a small PR (frontend)", 5, 2, "frontend-engineering",
              "checklist", "issueFix", P2, "Apply approved fixes in small PR increments.", "m6.phase2.dev.apply-fixes",
              f"Frontend Engineering, chosen by the issue's component. Branch pattern {PHASE2_BRANCH_PATTERN} into {INTEGRATION_BRANCH}.",
              links=fix_links, extra_inputs=fix_inputs, extra_outputs=fix_outputs)
    # the git webhook closes the fix task when its PR (branch -> prTarget, both task-local) is merged
    for side in ("Backend", "Frontend"):
        event(iss, f"BoundaryEvent_FixPrMerged{side}", "boundaryEvent", "Fix PR merged", host=f"Task_ApplyFix{side}",
              message="PullRequestMerged", frac=0.75)
    gateway(iss, "Gateway_FixApplied", "", 6, 0)
    user_task(iss, "Task_ReviewAndTestFix", "Review and test fix", 7, 0, "qa-testing", "review", "issueFixReview", P2,
              why="QA + Testing reviews and tests every fix before it counts (feeds the review 'Fixes reviewed and tested').",
              extra_inputs=[("branch", "fix/m6-p2-pilot-${issueTopic}"), ("evidenceLink", "${issueFixEvidenceLink}")])
    gateway(iss, "Gateway_FixPassesReview", "Fix reviewed and tested?", 8, 0)
    event(iss, "EndEvent_PilotIssueResolved", "endEvent", "Pilot issue resolved", 9, 0, listeners=[("end", issue_closed)])
    iss.flow("SequenceFlow_IssueReported", "StartEvent_PilotIssueReported", "Task_TriagePilotIssue")
    iss.flow("SequenceFlow_IssueTriaged", "Task_TriagePilotIssue", "Gateway_FixApproved")
    iss.flow("SequenceFlow_IssueResponseSlaBreached", "BoundaryEvent_IssueResponseSlaBreached", "Task_EscalatePilotIssue")
    iss.flow("SequenceFlow_IssueEscalated", "Task_EscalatePilotIssue", "EndEvent_PilotIssueEscalated")
    iss.flow("SequenceFlow_FixApprovedNo", "Gateway_FixApproved", "EndEvent_PilotIssueClosedWithoutFix", "no", default=True)
    iss.flow("SequenceFlow_FixApprovedYes", "Gateway_FixApproved", "Gateway_FixMerge", "yes", "${issueFixApproved}")
    iss.flow("SequenceFlow_FixMergeToComponent", "Gateway_FixMerge", "Gateway_FixComponent")
    iss.flow("SequenceFlow_FixComponentBackend", "Gateway_FixComponent", "Task_ApplyFixBackend", "backend", default=True)
    iss.flow("SequenceFlow_FixComponentFrontend", "Gateway_FixComponent", "Task_ApplyFixFrontend", "frontend",
             "${issueComponent == 'frontend'}")
    iss.flow("SequenceFlow_BackendFixApplied", "Task_ApplyFixBackend", "Gateway_FixApplied")
    iss.flow("SequenceFlow_FrontendFixApplied", "Task_ApplyFixFrontend", "Gateway_FixApplied")
    iss.flow("SequenceFlow_BackendFixPrMerged", "BoundaryEvent_FixPrMergedBackend", "Gateway_FixApplied")
    iss.flow("SequenceFlow_FrontendFixPrMerged", "BoundaryEvent_FixPrMergedFrontend", "Gateway_FixApplied")
    iss.flow("SequenceFlow_FixAppliedToReview", "Gateway_FixApplied", "Task_ReviewAndTestFix")
    iss.flow("SequenceFlow_FixReviewed", "Task_ReviewAndTestFix", "Gateway_FixPassesReview")
    iss.flow("SequenceFlow_FixPassesReviewYes", "Gateway_FixPassesReview", "EndEvent_PilotIssueResolved", "yes",
             "${issueFixReviewDecision == 'approve'}")
    iss.flow("SequenceFlow_FixPassesReviewNo", "Gateway_FixPassesReview", "Gateway_FixMerge", "no", default=True, loop=True)
    for v, d in [("issueFixPrUrl", "URL of the merged fix PR (pullRequestUrl of PullRequestMerged), null when closed by hand; local"),
                 ("issueFixDone", "fix task: done; local"), ("issueFixEvidenceLink", "fix task: PR link (from the form, or pullRequestUrl when merged by the webhook); local"),
                 ("issueFixComment", "fix task: comment; local"), ("issueFixReviewDecision", "fix review: approve | reject; local"),
                 ("issueFixReviewComment", "fix review comment; local"), ("issueFixReviewRejectionReason", "fix review rejection; local")]:
        VARS[v] = d

    # phase 2: feedback event subprocess
    fb = container(p2, "SubProcess_PilotFeedback", "Pilot feedback", triggered_by_event=True,
                   doc="One instance per feedback item (message PilotFeedbackReceived, non-interrupting); variables are local.",
                   listeners=[("start", "io.pilotlaunch.process.PilotFeedbackScopeListener")])
    event(fb, "StartEvent_PilotFeedbackReceived", "startEvent", "Pilot feedback received", 0, 0,
          message="PilotFeedbackReceived", interrupting=False)
    user_task(fb, "Task_CategorizePilotFeedback", "Track pilot feedback and categorize enhancement candidates", 1, 0,
              "docs-standards", ([("category", "${feedbackCategory}"), ("enhancementCandidates", "${null}"),
                                  ("comment", "${null}")], []), None, P2,
              "Track pilot feedback and categorize enhancement candidates.", "m6.phase2.dev.track-feedback",
              "Named by the seed (Docs + Standards). Candidates are appended to pilotEnhancementCandidates for Phase 3 and Milestone 7.",
              form="pilot-feedback-categorization",
              extra_inputs=[("feedbackText", "${feedbackText}"), ("feedbackSource", "${feedbackSource}")],
              extra_outputs=[("feedbackCategory", "${category}"), ("feedbackEnhancementCandidates", "${enhancementCandidates}")],
              listeners=[("complete", "io.pilotlaunch.process.EnhancementCandidatesListener")])
    event(fb, "EndEvent_PilotFeedbackCategorized", "endEvent", "Pilot feedback categorized", 2, 0)
    fb.flow("SequenceFlow_FeedbackReceived", "StartEvent_PilotFeedbackReceived", "Task_CategorizePilotFeedback")
    fb.flow("SequenceFlow_FeedbackCategorized", "Task_CategorizePilotFeedback", "EndEvent_PilotFeedbackCategorized")

    # ---- phase 3
    p3 = container(None, "SubProcess_Phase3PilotExitSignOff", P3,
                   doc="Seed Phase 3 goal: close the pilot with formal acceptance, risk review, and MVP completion sign-off. "
                       f"Branch and PR plan: {PHASE3_BRANCH} into {INTEGRATION_BRANCH} (documents only; no wait state).")
    event(p3, "StartEvent_Phase3", "startEvent", "Phase 3 started", 0, 0)
    # merge gateways: a rejected sign-off sends the process back to one of these steps ("What must be redone?")
    gateway(p3, "Gateway_PilotSummaryMerge", "", 1, 0)
    var("pilotSummaryDraft", "Markdown draft of the pilot summary, compiled by pilotSummaryDelegate from the recorded "
                             "behaviour of the run; prefills the summary task (task-local summary)")
    service_task(p3, "Task_CompilePilotSummary", "Compile pilot summary from recorded behaviour", 2, 0,
                 bean="pilotSummaryDelegate",
                 doc=f"Supporting step of {P3} (no checklist line of its own): supports the seed line 'Produce pilot summary "
                     "(results, defects, risks, recommendations).' Compiles what the run recorded (onboarding, issues, SLAs, "
                     "feedback, enhancement candidates) into the Markdown draft pilotSummaryDraft, which Product Management + "
                     "TPM edits and confirms next. Runs again when a sign-off rejection names the summary. Automatic, idempotent.")
    BEANS["pilotSummaryDelegate"] = ("JavaDelegate on 'Compile pilot summary from recorded behaviour': sets pilotSummaryDraft "
                                     "(String, Markdown) from the run's recorded behaviour")
    var("pilotSummaryText", "the pilot summary as edited and confirmed on 'Produce pilot summary' (Markdown)")
    var("pilotSummaryDone", "'Produce pilot summary': the summary is reviewed and confirmed (form field confirmed)")
    var("pilotSummaryComment", "comment recorded on 'Produce pilot summary'")
    var("pilotAdrCandidates", "enhancement candidates product management kept for an ADR, one per line (trimmed, no blank "
                              "lines); the ADR tasks iterate them")
    user_task(p3, "Task_ProducePilotSummary", "Produce pilot summary (results, defects, risks, recommendations)", 3, 0,
              "product-management",
              ([("summary", "${execution.getVariable('pilotSummaryDraft')}"),
                # a second pass (a rejection named the summary) starts from the candidates kept the first time
                ("adrCandidates", "${execution.getVariable('pilotAdrCandidates') != null ? "
                                  "execution.getVariable('pilotAdrCandidates') : execution.getVariable('pilotEnhancementCandidates')}"),
                ("confirmed", "${false}"), ("comment", "${null}")],
               [("Text", "summary"), ("Done", "confirmed"), ("Comment", "comment")]),
              "pilotSummary", P3, "Produce pilot summary (results, defects, risks, recommendations).",
              "m6.phase3.dev.pilot-summary",
              "Named by the seed (Product Management + TPM). Edits the draft compiled from recorded behaviour, keeps the "
              "enhancement candidates that need an ADR and confirms; the confirmed text is stored with who and when.",
              links={"branch": PHASE3_BRANCH, "prTarget": INTEGRATION_BRANCH}, form="pilot-summary",
              # trimmed lines, blank lines dropped, LF only: "a \r\n\n b\n" -> "a\nb" (the ADR tasks iterate the lines)
              extra_outputs=[("pilotAdrCandidates",
                              "${adrCandidates == null ? '' : adrCandidates.strip().replaceAll('[ \\\\t]*\\\\r?(\\\\n)\\\\s*', '$1')}")],
              listeners=[("complete", bean("pilotSummaryConfirmed",
                                           "TaskListener (complete) on 'Produce pilot summary': stores the confirmed summary "
                                           "(task variable summary) with who (task assignee) and when"))])
    gateway(p3, "Gateway_AcceptanceCriteriaMerge", "", 4, 0)
    user_task(p3, "Task_ConfirmMvpAcceptanceCriteria", "Confirm MVP acceptance criteria completion", 5, 0,
              "product-management", "checklist", "mvpAcceptanceCriteria", P3, "Confirm MVP acceptance criteria completion.",
              "m6.phase3.dev.acceptance-criteria", "Named by the seed (Product Management + TPM).")
    gateway(p3, "Gateway_EnhancementAdrsMerge", "", 6, 0)
    user_task(p3, "Task_OpenEnhancementAdrs", "Open post-MVP enhancement ADR tasks where needed", 7, 0, "architecture",
              ([("adrNeeded", "${null}"), ("adrTitle", "${null}"), ("adrLink", "${null}"), ("comment", "${null}")], []),
              None, P3, "Open post-MVP enhancement ADR tasks where needed.", "m6.phase3.dev.enhancement-adrs",
              "Named by the seed (Architecture). One task per enhancement candidate product management kept on the summary "
              "(pilotAdrCandidates, multi-instance); none kept: no task, the step passes straight through. The ADR title "
              "and link stay task-local and are kept in history.", form="enhancement-adr",
              multi=("${pilotAdrCandidates.lines().toList()}", "enhancementCandidate"))
    gateway(p3, "Gateway_SignOffMerge", "", 8, 0)
    gateway(p3, "Gateway_SignOffSplit", "", 9, 0, parallel=True)
    signoffs = [("Task_SignOffProduct", "Product sign-off", "productSignOff", "product-management"),
                ("Task_SignOffQa", "QA sign-off", "qaSignOff", "qa-testing"),
                ("Task_SignOffSecurity", "Security sign-off", "securitySignOff", "security-compliance"),
                ("Task_SignOffOps", "Ops sign-off", "opsSignOff", "devops-sre")]
    seed_so = "Product, QA, Security, and Ops sign-off complete."
    for i, (tid, name, prefix, team) in enumerate(signoffs):
        var(prefix + "Redo", f"'{name}' rejected: what must be redone (summary | acceptance | adrs | signoffs)")
        user_task(p3, tid, name, 10, i, team, "signoff", prefix, P3, seed_so, "m6.phase3.review.signoffs",
                  "One of the four sign-offs the seed names, each by its own team, in parallel. A rejection names what "
                  "must be redone (redo).")
    p3_reviews = [
        ("Task_AcceptRemainingRisks", "Remaining risks are accepted or scheduled.", "remainingRisksReview",
         "product-management", "m6.phase3.review.remaining-risks",
         "The seed names no owner; Product Management + TPM owns the roadmap that accepts or schedules risks. "
         "Rejected: the sign-offs run again after the findings are resolved."),
        ("Task_ReviewSummaryAlignment", "Pilot summary aligns with observed implementation behavior.",
         "summaryAlignmentReview", "architecture", "m6.phase3.review.summary-alignment",
         "The seed names no owner; Architecture compares the summary with the implementation's observed behavior. "
         "Rejected: the summary is compiled and produced again."),
    ]
    for i, (tid, seed, prefix, team, item, why) in enumerate(p3_reviews):
        user_task(p3, tid, seed.rstrip("."), 10, 4 + i, team, "review", prefix, P3, seed, item, why)
    for tid in [s[0] for s in signoffs] + [r[0] for r in p3_reviews]:
        p3.flow(f"SequenceFlow_SignOffSplitTo{tid[5:]}", "Gateway_SignOffSplit", tid)
        p3.flow(f"SequenceFlow_{tid[5:]}ToSignOffJoin", tid, "Gateway_SignOffJoin")
    gateway(p3, "Gateway_SignOffJoin", "", 11, 0, parallel=True)
    gateway(p3, "Gateway_MvpPilotAccepted", "MVP pilot is formally accepted?", 12, 0, item="m6.phase3.exit.formally-accepted",
            seed="MVP pilot is formally accepted.",
            doc=f'Seed ({P3}, Exit Criteria): "- [ ] MVP pilot is formally accepted." Yes when all four sign-offs sign off '
                '(with or without conditions) and both reviews approve.')
    service_task(p3, "Task_SetMilestoneStatusCompleted", "Set milestone status to Completed", 13, 0,
                 bean="milestoneStatusDelegate", item="m6.phase3.exit.milestone-status-completed",
                 seed="Milestone status set to `Completed`.",
                 doc=f'Seed ({P3}, Exit Criteria): "- [ ] Milestone status set to `Completed`." Automatic, idempotent.',
                 inputs=[("milestoneStatus", "Completed"), ("milestoneStatusSource", "m6.phase3.exit.milestone-status-completed")])
    event(p3, "EndEvent_Phase3Complete", "endEvent", "MVP pilot accepted", 14, 0)
    user_task(p3, "Task_ResolveSignOffFindings", "Resolve sign-off findings", 13, 1, "product-management", "checklist",
              "signOffFindingsResolution", P3,
              why="Product Management + TPM is the milestone owner; afterwards the process goes back to the earliest step a "
                  "rejection named and runs every later step again, sign-offs and reviews included.")
    redo = gateway(p3, "Gateway_WhatMustBeRedone", "What must be redone?", 13, 2.1,
                   doc="The earliest step any rejection named: a sign-off rejected with redo 'summary' or the rejected review "
                       "'Pilot summary aligns with observed implementation behavior' -> compile and produce the summary again; "
                       "redo 'acceptance' -> confirm the MVP acceptance criteria again; redo 'adrs' -> open the ADR tasks "
                       "again; otherwise (redo 'signoffs', or only 'Remaining risks are accepted or scheduled' rejected) -> "
                       "the sign-offs and reviews again. From there every later step runs again.")
    redo["label_side"] = "right"

    def named(step):
        return "(" + " || ".join(f"({s[2]}Decision == 'reject' && {s[2]}Redo == '{step}')" for s in signoffs) + ")"
    redo_summary = f"({named('summary')} || summaryAlignmentReviewDecision == 'reject')"
    p3.flow("SequenceFlow_Phase3Start", "StartEvent_Phase3", "Gateway_PilotSummaryMerge")
    p3.flow("SequenceFlow_PilotSummaryMergeToCompile", "Gateway_PilotSummaryMerge", "Task_CompilePilotSummary")
    p3.flow("SequenceFlow_CompileToPilotSummary", "Task_CompilePilotSummary", "Task_ProducePilotSummary")
    p3.flow("SequenceFlow_SummaryToAcceptanceCriteria", "Task_ProducePilotSummary", "Gateway_AcceptanceCriteriaMerge")
    p3.flow("SequenceFlow_AcceptanceCriteriaMergeToTask", "Gateway_AcceptanceCriteriaMerge", "Task_ConfirmMvpAcceptanceCriteria")
    p3.flow("SequenceFlow_AcceptanceCriteriaToAdrs", "Task_ConfirmMvpAcceptanceCriteria", "Gateway_EnhancementAdrsMerge")
    p3.flow("SequenceFlow_EnhancementAdrsMergeToTask", "Gateway_EnhancementAdrsMerge", "Task_OpenEnhancementAdrs")
    p3.flow("SequenceFlow_AdrsToSignOffs", "Task_OpenEnhancementAdrs", "Gateway_SignOffMerge")
    p3.flow("SequenceFlow_SignOffMergeToSplit", "Gateway_SignOffMerge", "Gateway_SignOffSplit")
    p3.flow("SequenceFlow_SignOffJoinToExit", "Gateway_SignOffJoin", "Gateway_MvpPilotAccepted")
    p3.flow("SequenceFlow_MvpPilotAcceptedYes", "Gateway_MvpPilotAccepted", "Task_SetMilestoneStatusCompleted", "yes",
            "${" + " && ".join(f"({s[2]}Decision == 'signOff' || {s[2]}Decision == 'signOffWithConditions')"
                               for s in signoffs) + " && "
            + " && ".join(f"{r[2]}Decision == 'approve'" for r in p3_reviews) + "}")
    p3.flow("SequenceFlow_MvpPilotAcceptedNo", "Gateway_MvpPilotAccepted", "Task_ResolveSignOffFindings", "no", default=True)
    p3.flow("SequenceFlow_MilestoneStatusSet", "Task_SetMilestoneStatusCompleted", "EndEvent_Phase3Complete")
    p3.flow("SequenceFlow_SignOffFindingsResolved", "Task_ResolveSignOffFindings", "Gateway_WhatMustBeRedone")
    # loops, nearest target first: each lies below the previous one, so no loop crosses another's way up
    p3.flow("SequenceFlow_RedoSignOffs", "Gateway_WhatMustBeRedone", "Gateway_SignOffMerge", "sign-offs", default=True,
            loop=True, label_end=True)
    p3.flow("SequenceFlow_RedoEnhancementAdrs", "Gateway_WhatMustBeRedone", "Gateway_EnhancementAdrsMerge", "ADRs",
            "${!" + redo_summary + " && !" + named("acceptance") + " && " + named("adrs") + "}", loop=True, label_end=True)
    p3.flow("SequenceFlow_RedoAcceptanceCriteria", "Gateway_WhatMustBeRedone", "Gateway_AcceptanceCriteriaMerge",
            "acceptance criteria", "${!" + redo_summary + " && " + named("acceptance") + "}", loop=True, label_end=True)
    p3.flow("SequenceFlow_RedoPilotSummary", "Gateway_WhatMustBeRedone", "Gateway_PilotSummaryMerge", "summary",
            "${" + redo_summary + "}", loop=True, label_end=True)

    # ---- milestone review
    rv = container(None, "SubProcess_MilestoneReview", REVIEW,
                   doc=f"Seed section '{REVIEW}': three review items in parallel, then the milestone status step (automatic).")
    event(rv, "StartEvent_MilestoneReview", "startEvent", "Milestone review started", 0, 0)
    gateway(rv, "Gateway_MilestoneReviewMerge", "", 1, 0)
    gateway(rv, "Gateway_MilestoneReviewSplit", "", 2, 0, parallel=True)
    rv_items = [
        ("Task_ConfirmPhaseExitCriteria", "All phase exit criteria are complete.", "phaseExitCriteriaReview",
         "product-management", "m6.review.phase-exit-criteria", "The seed names no owner; Product Management + TPM is the milestone owner."),
        ("Task_ConfirmArtifactsMatchRoadmap", "Milestone artifacts match roadmap index status.", "roadmapArtifactsReview",
         "product-management", "m6.review.roadmap-artifacts", "The seed names no owner; Product Management + TPM keeps the roadmap index."),
        ("Task_ConfirmStandardsConsistency", "Standards, ADR references, and docs remain consistent.",
         "standardsConsistencyReview", "docs-standards", "m6.review.standards-consistency",
         "The seed names no owner; Docs + Standards owns standards and documentation consistency."),
    ]
    for i, (tid, seed, prefix, team, item, why) in enumerate(rv_items):
        user_task(rv, tid, seed.rstrip("."), 3, i, team, "review", prefix, REVIEW, seed, item, why)
        rv.flow(f"SequenceFlow_MilestoneReviewSplitTo{tid[5:]}", "Gateway_MilestoneReviewSplit", tid)
        rv.flow(f"SequenceFlow_{tid[5:]}ToMilestoneReviewJoin", tid, "Gateway_MilestoneReviewJoin")
    gateway(rv, "Gateway_MilestoneReviewJoin", "", 4, 0, parallel=True)
    gateway(rv, "Gateway_MilestoneReviewPassed", "Milestone review passed?", 5, 0,
            doc="Yes when all three review items approve (not a checklist line of its own).")
    service_task(rv, "Task_ConfirmMilestoneStatusCompleted", "Confirm milestone status is Completed", 6, 0,
                 bean="milestoneStatusDelegate", item="m6.review.milestone-status-completed",
                 seed="Milestone status set to `Completed`.",
                 doc=f'Seed ({REVIEW}): "- [ ] Milestone status set to `Completed`." Automatic and idempotent: sets the status '
                     'again after the review, so the record shows both lines ticked.',
                 inputs=[("milestoneStatus", "Completed"), ("milestoneStatusSource", "m6.review.milestone-status-completed")])
    event(rv, "EndEvent_MilestoneReviewComplete", "endEvent", "Milestone review complete", 7, 0)
    user_task(rv, "Task_ResolveMilestoneReviewFindings", "Resolve milestone review findings", 6, 1, "product-management",
              "checklist", "milestoneReviewFindingsResolution", REVIEW,
              why="Product Management + TPM is the milestone owner; the review items run again afterwards.")
    rv.flow("SequenceFlow_MilestoneReviewStart", "StartEvent_MilestoneReview", "Gateway_MilestoneReviewMerge")
    rv.flow("SequenceFlow_MilestoneReviewMergeToSplit", "Gateway_MilestoneReviewMerge", "Gateway_MilestoneReviewSplit")
    rv.flow("SequenceFlow_MilestoneReviewJoinToGateway", "Gateway_MilestoneReviewJoin", "Gateway_MilestoneReviewPassed")
    rv.flow("SequenceFlow_MilestoneReviewPassedYes", "Gateway_MilestoneReviewPassed", "Task_ConfirmMilestoneStatusCompleted",
            "yes", all_eq([p[2] for p in rv_items], "approve"))
    rv.flow("SequenceFlow_MilestoneReviewPassedNo", "Gateway_MilestoneReviewPassed", "Task_ResolveMilestoneReviewFindings",
            "no", default=True)
    rv.flow("SequenceFlow_MilestoneStatusConfirmed", "Task_ConfirmMilestoneStatusCompleted", "EndEvent_MilestoneReviewComplete")
    rv.flow("SequenceFlow_MilestoneReviewFindingsResolved", "Task_ResolveMilestoneReviewFindings",
            "Gateway_MilestoneReviewMerge", loop=True)

    # ---- abort
    ab = container(None, "SubProcess_AbortPilot", "Abort pilot", triggered_by_event=True,
                   doc="Seed pre-checklist: 'Rollback and incident handling paths are documented.' Message AbortPilot interrupts the "
                       "pilot and rolls the tenant back: a completed onboarding by compensation, an onboarding still in progress "
                       "(BPMN cannot compensate an uncompleted subprocess) by calling the same idempotent undo delegates; "
                       "DevOps + SRE confirms.")
    event(ab, "StartEvent_AbortPilot", "startEvent", "Abort pilot requested", 0, 0, message="AbortPilot", interrupting=True)
    gateway(ab, "Gateway_OnboardingCompleted", "Onboarding completed?", 1, 0,
            doc="onboardingState is set by OnboardingStateListener when Phase 1 starts (inProgress) and when it reaches its end event (completed).")
    event(ab, "IntermediateThrowEvent_RollBackOnboarding", "intermediateThrowEvent", "Roll back tenant onboarding", 2, 0,
          compensate=True)
    service_task(ab, "Task_RemoveOpenTenantRouting", "Remove tenant routing of the open onboarding", 2, 1,
                 bean="tenantRoutingCompensationDelegate",
                 doc="Abort while Phase 1 is not completed: compensation cannot reach it, so the undo delegate runs directly "
                     "(idempotent: removes nothing when routing never ran).")
    service_task(ab, "Task_DeprovisionOpenBaseline", "Deprovision baseline of the open onboarding", 3, 1,
                 bean="baselineDeprovisioningDelegate",
                 doc="Abort while Phase 1 is not completed: the undo delegate runs directly (idempotent).")
    gateway(ab, "Gateway_RollbackMerge", "", 4, 0)
    user_task(ab, "Task_ConfirmRollbackComplete", "Confirm rollback complete", 5, 0, "devops-sre", "checklist",
              "rollbackConfirmation", "Abort pilot",
              why="DevOps + SRE is the technical owner and runs rollback; confirms routing and baseline are gone.",
              extra_inputs=[("abortReason", "${abortReason}")])
    event(ab, "EndEvent_PilotAborted", "endEvent", "Pilot aborted", 6, 0)
    ab.flow("SequenceFlow_AbortRequested", "StartEvent_AbortPilot", "Gateway_OnboardingCompleted")
    ab.flow("SequenceFlow_OnboardingCompletedYes", "Gateway_OnboardingCompleted", "IntermediateThrowEvent_RollBackOnboarding",
            "yes", "${execution.getVariable('onboardingState') == 'completed'}")
    ab.flow("SequenceFlow_OnboardingCompletedNo", "Gateway_OnboardingCompleted", "Task_RemoveOpenTenantRouting", "no",
            default=True)
    ab.flow("SequenceFlow_OnboardingCompensated", "IntermediateThrowEvent_RollBackOnboarding", "Gateway_RollbackMerge")
    ab.flow("SequenceFlow_OpenRoutingRemoved", "Task_RemoveOpenTenantRouting", "Task_DeprovisionOpenBaseline")
    ab.flow("SequenceFlow_OpenBaselineDeprovisioned", "Task_DeprovisionOpenBaseline", "Gateway_RollbackMerge")
    ab.flow("SequenceFlow_RollbackMergeToConfirm", "Gateway_RollbackMerge", "Task_ConfirmRollbackComplete")
    ab.flow("SequenceFlow_RollbackConfirmed", "Task_ConfirmRollbackComplete", "EndEvent_PilotAborted")
    var("onboardingState", "inProgress | completed: set by OnboardingStateListener on Phase 1 start/end; decides how abort rolls back")

    # ---- top level
    event(top, "StartEvent_PilotLaunchRequested", "startEvent", "Pilot launch requested", form=FORMS["start-pilot"],
          initiator="pilotInitiator", listeners=[("start", "io.pilotlaunch.process.EnhancementCandidatesListener")])
    service_task(top, "Task_StartPostMvpEnhancements", "Hand off to Milestone 7: Post-MVP Enhancements", 0, 0,
                 cls="io.pilotlaunch.process.StartPostMvpEnhancementsDelegate",
                 doc="Seed 'Next Steps': proceed to Milestone 7. Starts PostMvpEnhancements with the pilot's business key and "
                     "enhancement candidates (idempotent: a second run finds the started instance).")
    event(top, "EndEvent_MvpPilotLaunched", "endEvent", "MVP pilot launched")
    top.sequence = ["StartEvent_PilotLaunchRequested", pre, p1, p2, p3, rv, "Task_StartPostMvpEnhancements",
                    "EndEvent_MvpPilotLaunched"]
    top.subs = [pre, p1, p2, p3, rv]
    top.abort = ab
    flows = [("SequenceFlow_PilotLaunchRequested", "StartEvent_PilotLaunchRequested", pre.id),
             ("SequenceFlow_PreChecklistToPhase1", pre.id, p1.id),
             ("SequenceFlow_Phase1ToPhase2", p1.id, p2.id),
             ("SequenceFlow_Phase2ToPhase3", p2.id, p3.id),
             ("SequenceFlow_Phase3ToMilestoneReview", p3.id, rv.id),
             ("SequenceFlow_MilestoneReviewToHandOff", rv.id, "Task_StartPostMvpEnhancements"),
             ("SequenceFlow_HandOffToEnd", "Task_StartPostMvpEnhancements", "EndEvent_MvpPilotLaunched")]
    for fid, s, t in flows:
        top.flow(fid, s, t)
    return top


def layout_top(top, x0=160, y0=80):
    """Main line left to right at one height; the abort event subprocess below."""
    main_y = y0 + PAD_TOP + 40
    x = x0
    placed = {}
    for item in top.sequence:
        if isinstance(item, Container):
            item.layout(x + PAD_X, y0 + PAD_TOP)
            placed[item.id] = item
            x = item.bounds[0] + item.bounds[2] + 70
        else:
            el = top.find(item)
            w, h = SIZE[kind_of(el)]
            el["b"] = (x, main_y - h / 2, w, h)
            x += w + 70
    # below the pre-checklist (the abort subprocess is narrower than it)
    pre = top.subs[0]
    top.abort.layout(x0 + PAD_X, pre.bounds[1] + pre.bounds[3] + 60 + PAD_TOP)
    return placed


# ---------------------------------------------------------------- XML writer
def ext_props(item):
    if not item:
        return ""
    return (f'<camunda:properties><camunda:property name="checklistItem" value="{item}" /></camunda:properties>')


def io_xml(inputs, outputs):
    if not inputs and not outputs:
        return ""
    s = "<camunda:inputOutput>"
    for n, v in inputs:
        s += f'<camunda:inputParameter name="{n}">{v if v.startswith("${") else v}</camunda:inputParameter>'
    for n, v in outputs:
        s += f'<camunda:outputParameter name="{n}">{v}</camunda:outputParameter>'
    return s + "</camunda:inputOutput>"


def element_xml(el, flows_in, flows_out, defaults):
    t = el["type"]
    a = f'id="{el["id"]}"'
    if el.get("name"):
        a += f' name={quoteattr(el["name"])}'
    inner = ""
    if el.get("doc"):
        inner += f"<bpmn:documentation>{escape(el['doc'])}</bpmn:documentation>"
    ext = ext_props(el.get("item"))
    io_ = ""
    tail = ""
    if t == "userTask":
        a += f' camunda:formRef="{el["form"]}" camunda:formRefBinding="deployment" camunda:candidateGroups="{el["team"]}"'
        if el.get("due"):
            a += f' camunda:dueDate="{el["due"]}"'
        ext += "".join(f'<camunda:taskListener {listener_attr(c)} event="{e}" />' for e, c in el["listeners"])
        ext += io_xml(el["inputs"], el["outputs"])
        if el.get("multi"):
            coll, elvar = el["multi"]
            tail = (f'<bpmn:multiInstanceLoopCharacteristics camunda:collection="{coll}" '
                    f'camunda:elementVariable="{elvar}" />')
    elif t == "serviceTask":
        if el.get("bean"):
            a += ' camunda:delegateExpression="${' + el["bean"] + '}"'
        else:
            a += f' camunda:class="{el["cls"]}"'
        a += ' camunda:asyncBefore="true"'
        if el.get("compensation"):
            a += ' isForCompensation="true"'
        ext += f"<camunda:failedJobRetryTimeCycle>{RETRY_CYCLE}</camunda:failedJobRetryTimeCycle>"
        ext += io_xml(el["inputs"], [])
    elif t in ("exclusiveGateway",):
        if el["id"] in defaults:
            a += f' default="{defaults[el["id"]]}"'
    elif t == "startEvent":
        if el.get("form"):
            a += f' camunda:formRef="{el["form"]}" camunda:formRefBinding="deployment"'
        if el.get("initiator"):
            a += f' camunda:initiator="{el["initiator"]}"'
        if "interrupting" in el:
            a += f' isInterrupting="{str(el["interrupting"]).lower()}"'
        ext += "".join(f'<camunda:executionListener {listener_attr(c)} event="{e}" />' for e, c in el.get("listeners", []))
    elif t == "endEvent":
        ext += "".join(f'<camunda:executionListener {listener_attr(c)} event="{e}" />' for e, c in el.get("listeners", []))
    elif t == "boundaryEvent":
        ext += "".join(f'<camunda:executionListener {listener_attr(c)} event="{e}" />' for e, c in el.get("listeners", []))
        a += f' attachedToRef="{el["host"]}"'
        if el.get("interrupting") is False:
            a += ' cancelActivity="false"'
    if ext:
        inner += f"<bpmn:extensionElements>{ext}</bpmn:extensionElements>"
    inner += "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in flows_in)
    inner += "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f in flows_out)
    if el.get("message"):
        inner += f'<bpmn:messageEventDefinition id="{el["id"]}_Message" messageRef="Message_{el["message"]}" />'
    if el.get("error"):
        message_var = f' camunda:errorMessageVariable="{el["error_message"]}"' if el.get("error_message") else ""
        inner += f'<bpmn:errorEventDefinition id="{el["id"]}_Error" errorRef="{el["error"]}"{message_var} />'
    if el.get("timer"):
        kind, expr = el["timer"]
        inner += (f'<bpmn:timerEventDefinition id="{el["id"]}_Timer"><bpmn:{kind} xsi:type="bpmn:tFormalExpression">'
                  f'{expr}</bpmn:{kind}></bpmn:timerEventDefinition>')
    if el.get("compensate"):
        wait = ' waitForCompletion="true"' if t == "intermediateThrowEvent" else ""
        inner += f'<bpmn:compensateEventDefinition id="{el["id"]}_Compensate"{wait} />'
    inner += tail
    return f"<bpmn:{t} {a}>{inner}</bpmn:{t}>"


def container_xml(c):
    defaults = {f["src"]: f["id"] for f in c.flows if f["default"]}
    fin, fout = {}, {}
    for f in c.flows:
        fout.setdefault(f["src"], []).append(f["id"])
        fin.setdefault(f["tgt"], []).append(f["id"])
    parts = []
    subs = {s.id: s for s in getattr(c, "subs", [])}
    if hasattr(c, "abort"):
        subs[c.abort.id] = c.abort
    for s in c.children:
        subs[s.id] = s
    for sid, s in subs.items():
        a = f'id="{s.id}" name={quoteattr(s.name)}'
        if s.triggered_by_event:
            a += ' triggeredByEvent="true"'
        inner = f"<bpmn:documentation>{escape(s.doc)}</bpmn:documentation>" if s.doc else ""
        if s.listeners:
            inner += "<bpmn:extensionElements>" + "".join(
                f'<camunda:executionListener {listener_attr(cl)} event="{e}" />' for e, cl in s.listeners) + "</bpmn:extensionElements>"
        inner += "".join(f"<bpmn:incoming>{f}</bpmn:incoming>" for f in fin.get(s.id, []))
        inner += "".join(f"<bpmn:outgoing>{f}</bpmn:outgoing>" for f in fout.get(s.id, []))
        inner += container_xml(s)
        parts.append(f"<bpmn:subProcess {a}>{inner}</bpmn:subProcess>")
    for el in c.elements:
        parts.append(element_xml(el, fin.get(el["id"], []), fout.get(el["id"], []), defaults))
    for f in c.flows:
        a = f'id="{f["id"]}" sourceRef="{f["src"]}" targetRef="{f["tgt"]}"'
        if f["name"]:
            a += f' name="{f["name"]}"'
        if f["cond"]:
            parts.append(f'<bpmn:sequenceFlow {a}><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
                         f'{escape(f["cond"])}</bpmn:conditionExpression></bpmn:sequenceFlow>')
        else:
            parts.append(f"<bpmn:sequenceFlow {a} />")
    for aid, s, t in c.associations:
        parts.append(f'<bpmn:association id="{aid}" associationDirection="One" sourceRef="{s}" targetRef="{t}" />')
    return "".join(parts)


def label_bounds(el):
    x, y, w, h = el["b"]
    if kind_of(el) in ("event", "gateway") and el.get("name"):
        lw = 140 if kind_of(el) == "gateway" else 90
        if el["type"] == "boundaryEvent":
            if el.get("compensate"):
                return (x + w + 2, y + h - 6, 48, 27)
            return (x - lw + 10, y + h + 2, lw - 14, 27)  # left-below: the outgoing flow leaves to the right
        if kind_of(el) == "gateway":
            if el.get("label_side") == "right":  # the incoming flow comes from above
                return (x + w + 6, y + 8, lw, 34)
            return (x + w / 2 - lw / 2, y - 40, lw, 34)
        return (x + w / 2 - lw / 2, y + h + 5, lw, 27)
    return None


def di_xml(c, all_elements, out):
    for s in list(getattr(c, "subs", [])) + ([c.abort] if hasattr(c, "abort") else []) + c.children:
        x, y, w, h = s.bounds
        out.append(f'<bpmndi:BPMNShape id="{s.id}_di" bpmnElement="{s.id}" isExpanded="true">'
                   f'<dc:Bounds x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" /></bpmndi:BPMNShape>')
        all_elements[s.id] = {"id": s.id, "type": "subProcess", "b": s.bounds}
        di_xml(s, all_elements, out)
    for el in c.elements:
        x, y, w, h = el["b"]
        all_elements[el["id"]] = el
        lb = label_bounds(el)
        label = (f'<bpmndi:BPMNLabel><dc:Bounds x="{lb[0]:.0f}" y="{lb[1]:.0f}" width="{lb[2]:.0f}" height="{lb[3]:.0f}" />'
                 f'</bpmndi:BPMNLabel>') if lb else ""
        out.append(f'<bpmndi:BPMNShape id="{el["id"]}_di" bpmnElement="{el["id"]}">'
                   f'<dc:Bounds x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" />{label}</bpmndi:BPMNShape>')


def edges_xml(c, all_elements, out):
    for s in list(getattr(c, "subs", [])) + ([c.abort] if hasattr(c, "abort") else []) + c.children:
        edges_xml(s, all_elements, out)
    for f in c.flows:
        s, t = all_elements[f["src"]], all_elements[f["tgt"]]
        if s["type"] == "subProcess" or t["type"] == "subProcess" or getattr(c, "type", "") == "process":
            # top-level line: all on the main row height
            sb, tb = s["b"], t["b"]
            y = getattr(c, "main_y")
            pts = [(sb[0] + sb[2], y), (tb[0], y)]
        else:
            pts = route(s, t, f)
        wps = "".join(f'<di:waypoint x="{px:.0f}" y="{py:.0f}" />' for px, py in pts)
        label = ""
        if f["name"]:
            (x1, y1), (x2, y2) = pts[0], pts[1]
            if f.get("label_end"):  # next to the last segment (several flows leave one gateway the same way)
                lx, ly = pts[-1][0] + 6, pts[-2][1] - 18
            elif abs(x1 - x2) < 1:  # vertical first segment
                lx, ly = x1 + 6, y1 + 4
            else:
                lx, ly = x1 + 8, y1 - 20
            label = (f'<bpmndi:BPMNLabel><dc:Bounds x="{lx:.0f}" y="{ly:.0f}" width="{8 * len(f["name"]):.0f}" height="14" />'
                     '</bpmndi:BPMNLabel>')
        out.append(f'<bpmndi:BPMNEdge id="{f["id"]}_di" bpmnElement="{f["id"]}">{wps}{label}</bpmndi:BPMNEdge>')
    for aid, s, t in c.associations:
        sb, tb = all_elements[s]["b"], all_elements[t]["b"]
        cx = sb[0] + sb[2] / 2
        out.append(f'<bpmndi:BPMNEdge id="{aid}_di" bpmnElement="{aid}"><di:waypoint x="{cx:.0f}" y="{sb[1] + sb[3]:.0f}" />'
                   f'<di:waypoint x="{cx:.0f}" y="{tb[1]:.0f}" /></bpmndi:BPMNEdge>')


HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<!-- Generated by tools/model/generate_models.py: change the generator, then run it. -->\n'
          '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
          'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
          'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" '
          'id="{defs}" targetNamespace="http://pilotlaunch.io/bpmn" exporter="pilot-launch generate_models.py" '
          'exporterVersion="1" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.24.0">\n')


def pretty(xml):
    import xml.dom.minidom
    return xml_dom_pretty(xml)


def xml_dom_pretty(xml):
    import xml.dom.minidom as md
    dom = md.parseString(xml)
    s = dom.toprettyxml(indent="  ", encoding="UTF-8").decode("utf-8")
    lines = [ln for ln in s.splitlines() if ln.strip()]
    # keep the generator comment after the declaration
    return "\n".join(lines) + "\n"


PILOT_RUN_ENDED = "Process end listener: the pilot run ended (completed or aborted)"
PILOT_RUN_STARTED = "Process start listener: the pilot run is active; a second active run of the tenant fails the start"


def write_mvp(top):
    layout_top(top)
    top.main_y = 80 + PAD_TOP + 40
    messages = ["PullRequestMerged", "PilotIssueReported", "PilotFeedbackReceived", "AbortPilot"]
    body = "".join(f'<bpmn:message id="Message_{m}" name="{m}" />' for m in messages)
    body += '<bpmn:error id="Error_OnboardingConflict" name="Onboarding conflict" errorCode="ONBOARDING_CONFLICT" />'
    body += ('<bpmn:process id="MvpPilotLaunch" name="Milestone 6: MVP Pilot Launch" isExecutable="true" '
             'camunda:versionTag="m6-1.0.0" camunda:historyTimeToLive="P180D">')
    body += ("<bpmn:documentation>Executable form of docs/milestones/m6-mvp-pilot-launch.md. One instance is one pilot "
             "launch for one pilot tenant; business key = tenant id.</bpmn:documentation>")
    body += ("<bpmn:extensionElements>"
             "<camunda:executionListener class=\"io.pilotlaunch.process.TenantBusinessKeyListener\" event=\"start\" />"
             "<camunda:executionListener class=\"io.pilotlaunch.process.EnhancementCandidatesListener\" event=\"start\" />"
             # before any task exists: the teams must be members of the pilot's tenant to see its tasks
             "<camunda:executionListener delegateExpression=\"${pilotTenantRegistration}\" event=\"start\" />"
             # in the start's transaction: the unique key of the active run decides races
             f"<camunda:executionListener delegateExpression=\"{bean('pilotRunStarted', PILOT_RUN_STARTED)}\" event=\"start\" />"
             # on completion and on abort (the abort event subprocess ends the instance)
             f"<camunda:executionListener delegateExpression=\"{bean('pilotRunEnded', PILOT_RUN_ENDED)}\" event=\"end\" />"
             "</bpmn:extensionElements>")
    # start event listener not needed twice
    top.find("StartEvent_PilotLaunchRequested")["listeners"] = []
    body += container_xml(top)
    body += "</bpmn:process>"
    all_el, shapes, edges = {}, [], []
    di_xml(top, all_el, shapes)
    edges_xml(top, all_el, edges)
    body += ('<bpmndi:BPMNDiagram id="BPMNDiagram_MvpPilotLaunch"><bpmndi:BPMNPlane id="BPMNPlane_MvpPilotLaunch" '
             'bpmnElement="MvpPilotLaunch">' + "".join(shapes) + "".join(edges) + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>")
    xml = HEADER.replace("{defs}", "Definitions_MvpPilotLaunch") + body + "</bpmn:definitions>"
    with open(os.path.join(ROOT, "processes", "MvpPilotLaunch.bpmn"), "w") as f:
        f.write(xml_dom_pretty(xml))


# ================================================================= PostMvpEnhancements
POST_ELEMENTS = {}


def write_post():
    global ELEMENTS
    saved = ELEMENTS
    ELEMENTS = POST_ELEMENTS
    c = Container("PostMvpEnhancements", "Milestone 7: Post-MVP Enhancements Hook", element_type="process")
    event(c, "StartEvent_PostMvpEnhancementsRequested", "startEvent", "Post-MVP enhancements requested", 0, 0)
    user_task(c, "Task_PlanEnhancementCandidate", "Plan post-MVP enhancement candidate", 1, 0, "architecture",
              ([("adrNeeded", "${null}"), ("adrTitle", "${null}"), ("adrLink", "${null}"), ("comment", "${null}")], []),
              None, "Milestone 7: Post-MVP Enhancements Hook", form="enhancement-adr",
              why="Architecture owns ADRs; one task per enhancement candidate handed over by the M6 pilot.",
              multi=("${enhancementCandidates.lines().toList()}", "enhancementCandidate"))
    event(c, "EndEvent_EnhancementCandidatesPlanned", "endEvent", "Enhancement candidates planned", 2, 0)
    c.flow("SequenceFlow_PostMvpStart", "StartEvent_PostMvpEnhancementsRequested", "Task_PlanEnhancementCandidate")
    c.flow("SequenceFlow_CandidatesPlanned", "Task_PlanEnhancementCandidate", "EndEvent_EnhancementCandidatesPlanned")
    c.layout(160 + PAD_X, 80 + PAD_TOP)
    body = ('<bpmn:process id="PostMvpEnhancements" name="Milestone 7: Post-MVP Enhancements Hook" isExecutable="true" '
            'camunda:versionTag="m7-hook-1.0.0" camunda:historyTimeToLive="P180D">')
    body += ("<bpmn:documentation>Started by MvpPilotLaunch (hand-off after the milestone review) with the pilot's business "
             "key and its enhancement candidates (enhancementCandidates, one per line; enhancementCandidateCount)."
             "</bpmn:documentation>")
    body += container_xml(c) + "</bpmn:process>"
    all_el, shapes, edges = {}, [], []
    for el in c.elements:
        all_el[el["id"]] = el
    di_xml(c, all_el, shapes)
    c.type = "subProcessLike"
    edges_xml(c, all_el, edges)
    body += ('<bpmndi:BPMNDiagram id="BPMNDiagram_PostMvpEnhancements"><bpmndi:BPMNPlane id="BPMNPlane_PostMvpEnhancements" '
             'bpmnElement="PostMvpEnhancements">' + "".join(shapes) + "".join(edges) + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>")
    xml = HEADER.replace("{defs}", "Definitions_PostMvpEnhancements") + body + "</bpmn:definitions>"
    with open(os.path.join(ROOT, "processes", "PostMvpEnhancements.bpmn"), "w") as f:
        f.write(xml_dom_pretty(xml))
    ELEMENTS = saved


# ================================================================= Java constants
def const(name):
    s = re.sub(r"^(Task|Gateway|StartEvent|EndEvent|BoundaryEvent|SubProcess|SequenceFlow|IntermediateThrowEvent)_", r"\1_", name)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    return re.sub(r"[^A-Za-z0-9]+", "_", s).upper().strip("_")


def java_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_java(top):
    flows = []

    def collect(c):
        for f in c.flows:
            flows.append(f["id"])
        for s in list(getattr(c, "subs", [])) + ([c.abort] if hasattr(c, "abort") else []) + c.children:
            collect(s)
    collect(top)
    L = []
    L.append("package io.pilotlaunch.process;\n")
    L.append("/**\n * One place for the names of process {@code MvpPilotLaunch} (processes/MvpPilotLaunch.bpmn):\n"
             " * element ids, process variables, messages, delegate bean names, checklist item ids, forms.\n"
             " *\n * <p>Generated by tools/model/generate_models.py together with the BPMN; the model tests check\n"
             " * that every id here exists in the model.\n */")
    L.append("public final class MvpPilotLaunchProcess {\n")
    L.append('  public static final String PROCESS_ID = "MvpPilotLaunch";')
    L.append('  public static final String RESOURCE = "processes/MvpPilotLaunch.bpmn";')
    L.append(f'  public static final String RETRY_CYCLE = "{RETRY_CYCLE}";')
    L.append(f'  public static final String INTEGRATION_BRANCH = "{INTEGRATION_BRANCH}";')
    L.append(f'  public static final String PHASE1_BRANCH = "{PHASE1_BRANCH}";')
    L.append('  public static final String PHASE2_FIX_BRANCH_PREFIX = "fix/m6-p2-pilot-";')
    L.append(f'  public static final String PHASE3_BRANCH = "{PHASE3_BRANCH}";\n')
    L.append("  private MvpPilotLaunchProcess() {}\n")
    L.append("  /** Element ids (activities, events, gateways, subprocesses). */\n  public static final class Elements {")
    for eid, name in ELEMENTS.items():
        L.append(f"    /** {escape(name) or '(unnamed)'} */\n    public static final String {const(eid)} = {java_str(eid)};")
    L.append("\n    private Elements() {}\n  }\n")
    L.append("  /** Sequence flow ids. */\n  public static final class Flows {")
    for fid in flows:
        L.append(f"    public static final String {const(fid)} = {java_str(fid)};")
    L.append("\n    private Flows() {}\n  }\n")
    L.append("  /** Process variables; task decisions are named after the task, issue/feedback data is event-subprocess local. */\n"
             "  public static final class Variables {")
    for v, d in VARS.items():
        L.append(f"    /** {escape(d)} */\n    public static final String {const(v)} = {java_str(v)};")
    L.append("\n    private Variables() {}\n  }\n")
    L.append("  /** Message names (correlate by business key = tenant id). */\n  public static final class Messages {")
    for m in ["PullRequestMerged", "PilotIssueReported", "PilotFeedbackReceived", "AbortPilot"]:
        L.append(f"    public static final String {const(m)} = {java_str(m)};")
    L.append("\n    private Messages() {}\n  }\n")
    L.append("  /** BPMN error codes the model catches. */\n  public static final class Errors {")
    L.append("    /** Thrown by tenantRoutingDelegate; caught on \"Configure tenant and environment routing\". */")
    L.append('    public static final String ONBOARDING_CONFLICT = "ONBOARDING_CONFLICT";')
    L.append("\n    private Errors() {}\n  }\n")
    L.append("  /** Spring bean names behind camunda:delegateExpression. */\n  public static final class Beans {")
    for b, n in BEANS.items():
        L.append(f"    /** {escape(n)} */\n    public static final String {const(b)} = {java_str(b)};")
    L.append("\n    private Beans() {}\n  }\n")
    L.append("  /** Values of the extension property {@code checklistItem}: one per line of the milestone document. */\n"
             "  public static final class ChecklistItems {")
    L.append('    public static final String PROPERTY = "checklistItem";')
    for i, seed in CHECKLIST.items():
        L.append(f"    /** {escape(seed)} */\n    public static final String {const(i.replace('m6.', ''))} = {java_str(i)};")
    L.append("\n    private ChecklistItems() {}\n  }\n")
    L.append("  /** Camunda Forms ids (forms/*.form), referenced by camunda:formRef. */\n  public static final class Forms {")
    for f, fid in FORMS.items():
        L.append(f"    /** forms/{f}.form */\n    public static final String {const(fid)} = {java_str(fid)};")
    L.append("\n    private Forms() {}\n  }\n")
    L.append("  /** Candidate groups. */\n  public static final class Teams {")
    for t in TEAMS:
        L.append(f"    public static final String {const(t)} = {java_str(t)};")
    L.append("\n    private Teams() {}\n  }\n}")
    with open(os.path.join(ROOT, "src/main/java/io/pilotlaunch/process/MvpPilotLaunchProcess.java"), "w") as f:
        f.write("\n".join(L) + "\n")

    P = ["package io.pilotlaunch.process;\n",
         "/** One place for the names of process {@code PostMvpEnhancements} (Milestone 7 hook). Generated with the BPMN. */",
         "public final class PostMvpEnhancementsProcess {\n",
         '  public static final String PROCESS_ID = "PostMvpEnhancements";',
         '  public static final String RESOURCE = "processes/PostMvpEnhancements.bpmn";\n',
         "  private PostMvpEnhancementsProcess() {}\n",
         "  public static final class Elements {"]
    for eid, name in POST_ELEMENTS.items():
        P.append(f"    /** {escape(name)} */\n    public static final String {const(eid)} = {java_str(eid)};")
    P.append("\n    private Elements() {}\n  }\n")
    P.append("  public static final class Variables {")
    for v, d in [("tenantId", "pilot tenant id"), ("enhancementCandidates", "candidates, one per line"),
                 ("enhancementCandidateCount", "number of candidates"),
                 ("sourceProcessInstanceId", "the MvpPilotLaunch instance that handed off")]:
        P.append(f"    /** {d} */\n    public static final String {const(v)} = {java_str(v)};")
    P.append("\n    private Variables() {}\n  }\n}")
    with open(os.path.join(ROOT, "src/main/java/io/pilotlaunch/process/PostMvpEnhancementsProcess.java"), "w") as f:
        f.write("\n".join(P) + "\n")


if __name__ == "__main__":
    t = build_mvp()
    write_mvp(t)
    write_post()
    write_java(t)
    print(f"{len(ELEMENTS)} elements, {len(CHECKLIST)} checklist items, {len(VARS)} variables")
