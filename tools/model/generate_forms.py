#!/usr/bin/env python3
"""Writes forms/*.form (Camunda Forms, form-js schemaVersion 16 as rendered by the 7.24 Tasklist).

Generic forms are reused across tasks: the task's camunda:inputOutput provides the read-only context
(checklistItem, phase, tenant, links) as task-local variables and the capture fields (done, decision, ...),
and output parameters copy the capture to variables named after the task.
"Required only on reject": a required field that is hidden is not validated, so such fields are hidden
unless the decision asks for them.
Usage: python3 tools/model/generate_forms.py
"""
import json
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
N = [0]


def _id(prefix):
    N[0] += 1
    return f"{prefix}_{N[0]}"


def text(md):
    return {"type": "text", "text": md, "id": _id("Text")}


def field(kind, key, label, required=False, readonly=False, hide=None, description=None, **extra):
    f = {"type": kind, "key": key, "label": label, "id": f"Field_{key}"}
    if required:
        f["validate"] = {"required": True}
    if readonly:
        f["readonly"] = True
    if hide:
        f["conditional"] = {"hide": hide}
    if description:
        f["description"] = description
    f.update(extra)
    return f


def unset(key):
    """Hides a read-only field the task has no value for. The 7.24 Tasklist starts a field it has no
    variable for as "", so null alone is not enough."""
    return f'={key} = null or {key} = ""'


def values(*pairs):
    return [{"label": label, "value": value} for value, label in pairs]


def context(extra=()):
    comps = [
        field("textfield", "checklistItem", "Checklist item", readonly=True),
        field("textfield", "phase", "Section", readonly=True),
        field("textfield", "tenantId", "Pilot tenant", readonly=True),
        field("textfield", "tenantName", "Tenant name", readonly=True, hide=unset("tenantName")),
        field("textfield", "environment", "Environment", readonly=True, hide=unset("environment")),
        field("textfield", "branch", "Branch", readonly=True, hide=unset("branch")),
        field("textfield", "prTarget", "PR target", readonly=True, hide=unset("prTarget")),
    ]
    return comps + list(extra)


URL = {"pattern": "^https?://\\S+$"}


def link(key, label, required, hide=None, description=None):
    f = field("textfield", key, label, required=required, hide=hide, description=description)
    f.setdefault("validate", {}).update(URL)
    return f


def form(form_id, components):
    return {
        "id": form_id,
        "type": "default",
        "executionPlatform": "Camunda Platform",
        "executionPlatformVersion": "7.24.0",
        "exporter": {"name": "pilot-launch tools/model/generate_forms.py", "version": "1"},
        "schemaVersion": 16,
        "components": components,
    }


FORMS = {
    "start-pilot": form("StartPilotForm", [
        text("### Start an MVP pilot launch (Milestone 6)\nOne process instance per pilot tenant; the tenant id becomes the business key."),
        field("textfield", "tenantId", "Tenant id", required=True, description="lower-case letters, digits and dashes",
              validate={"required": True, "pattern": "^[a-z0-9][a-z0-9-]{1,62}$"}),
        field("textfield", "tenantName", "Tenant name", required=True),
        field("select", "environment", "Environment", required=True,
              values=values(("production", "Production"), ("staging", "Staging"), ("demo", "Demo (this app answers the health check)")),
              description="One of pilot.environments in application.yaml"),
        field("textfield", "region", "Region", required=True, description="e.g. eu-central-1"),
        field("datetime", "pilotStart", "Pilot start", required=True, subtype="datetime", dateLabel="Pilot start date",
              timeLabel="Pilot start time", use24h=True, timeSerializingFormat="utc_normalized"),
        field("datetime", "pilotEnd", "Pilot end", required=True, subtype="datetime", dateLabel="Pilot end date",
              timeLabel="Pilot end time", use24h=True, timeSerializingFormat="utc_normalized",
              description="Monitoring closes automatically at this time"),
    ]),
    "checklist-item": form("ChecklistItemForm", context([
        field("textarea", "details", "Details", readonly=True, hide=unset("details"))]) + [
        field("checkbox", "done", "Done"),
        link("evidenceLink", "Evidence link", True, hide="=done != true",
             description="Link to the document, PR, dashboard or ticket that shows the item is done"),
        # requiredWhen: a FEEL condition the server enforces (form-js has no conditional "required")
        field("textarea", "comment", "Comment", description="Required context when the item is not done",
              properties={"requiredWhen": "=done != true"}),
    ]),
    "review-item": form("ReviewItemForm", context([
        field("textfield", "evidenceLink", "Evidence", readonly=True, hide=unset("evidenceLink")),
        field("textarea", "details", "Details", readonly=True, hide=unset("details"))]) + [
        field("radio", "decision", "Decision", required=True,
              values=values(("approve", "Approve"), ("reject", "Reject"))),
        field("textarea", "comment", "Comment", hide='=decision = "reject"'),
        field("textarea", "rejectionReason", "Why rejected (required on reject)", required=True,
              hide='=decision != "reject"'),
    ]),
    "sign-off": form("SignOffForm", context() + [
        field("radio", "decision", "Sign-off", required=True,
              values=values(("signOff", "Sign off"), ("signOffWithConditions", "Sign off with conditions"),
                            ("reject", "Reject"))),
        field("textarea", "conditions", "Conditions (required when signing off with conditions)", required=True,
              hide='=decision != "signOffWithConditions"'),
        field("textarea", "rejectionReason", "Why rejected (required on reject)", required=True,
              hide='=decision != "reject"'),
        # the process goes back to the earliest step any rejection names (gateway "What must be redone?")
        field("select", "redo", "What must be redone? (required on reject)", required=True, hide='=decision != "reject"',
              values=values(("summary", "Produce pilot summary"), ("acceptance", "Confirm MVP acceptance criteria"),
                            ("adrs", "Open post-MVP enhancement ADR tasks"), ("signoffs", "Sign-offs only")),
              description="Every step after it runs again, the sign-offs included"),
        field("textarea", "comment", "Comment"),
    ]),
    # the draft compiled from recorded behaviour (task-local summary) and the candidates are editable
    "pilot-summary": form("PilotSummaryForm", context() + [
        field("textarea", "summary", "Pilot summary (results, defects, risks, recommendations)", required=True,
              description="Markdown; compiled from the pilot's recorded behaviour, edit it before confirming"),
        field("textarea", "adrCandidates", "Enhancement candidates that need an ADR, one per line",
              description="Remove the lines that need no ADR; each remaining line becomes an Architecture ADR task"),
        field("checkbox", "confirmed", "The summary is reviewed and confirmed", required=True),
        field("textarea", "comment", "Comment"),
    ]),
    # not context(): environment is what this form corrects, so it is editable here
    "onboarding-conflict": form("OnboardingConflictForm", [
        field("textfield", "checklistItem", "Checklist item", readonly=True),
        field("textfield", "phase", "Section", readonly=True),
        field("textfield", "tenantId", "Pilot tenant", readonly=True),
        field("textarea", "details", "Conflict", readonly=True),
        field("select", "environment", "Route to environment", required=True,
              values=values(("production", "Production"), ("staging", "Staging"), ("demo", "Demo")),
              description="Change it if the pilot asked for the wrong place; keep it once the old route is cleared"),
        field("textfield", "region", "Region", required=True),
        field("textarea", "comment", "What was done", required=True),
    ]),
    "pilot-issue-triage": form("PilotIssueTriageForm", [
        text("### Triage pilot issue\nDue by the issue's response SLA; past it, DevOps + SRE gets an escalation task."),
        field("textfield", "tenantId", "Pilot tenant", readonly=True),
        field("textfield", "issueTitle", "Issue", readonly=True),
        field("textarea", "issueDescription", "Description", readonly=True, hide=unset("issueDescription")),
        field("select", "severity", "Severity", required=True,
              values=values(("critical", "Critical"), ("high", "High"), ("medium", "Medium"), ("low", "Low"))),
        field("radio", "approveFix", "Approve a fix?", required=True, values=values(("yes", "Yes"), ("no", "No"))),
        field("select", "component", "Component", required=True, hide='=approveFix != "yes"',
              values=values(("backend", "Backend"), ("frontend", "Frontend"))),
        field("textfield", "topic", "Topic (fix branch fix/m6-p2-pilot-<topic>)", hide='=approveFix != "yes"',
              validate={"required": True, "pattern": "^[a-z0-9][a-z0-9-]*$"}),
        field("textarea", "comment", "Comment"),
    ]),
    "pilot-feedback-categorization": form("PilotFeedbackCategorizationForm", [
        text("### Track pilot feedback and categorize enhancement candidates"),
        field("textfield", "tenantId", "Pilot tenant", readonly=True),
        field("textarea", "feedbackText", "Feedback", readonly=True),
        field("textfield", "feedbackSource", "Source", readonly=True, hide=unset("feedbackSource")),
        field("select", "category", "Category", required=True,
              values=values(("defect", "Defect"), ("usability", "Usability"), ("enhancement", "Enhancement candidate"),
                            ("documentation", "Documentation"), ("support", "Support / question"))),
        field("textarea", "enhancementCandidates", "Enhancement candidates (one per line)",
              hide='=category != "enhancement"',
              description="Each line becomes an ADR task in Phase 3 and a planning task in Milestone 7"),
        field("textarea", "comment", "Comment"),
    ]),
    "enhancement-adr": form("EnhancementAdrForm", [
        text("### Post-MVP enhancement candidate"),
        field("textfield", "tenantId", "Pilot tenant", readonly=True),
        field("textfield", "enhancementCandidate", "Enhancement candidate", readonly=True),
        field("checkbox", "adrNeeded", "An ADR is needed"),
        field("textfield", "adrTitle", "ADR title", required=True, hide="=adrNeeded != true"),
        link("adrLink", "ADR link", True, hide="=adrNeeded != true"),
        field("textarea", "comment", "Comment"),
    ]),
}

if __name__ == "__main__":
    os.makedirs(os.path.join(ROOT, "forms"), exist_ok=True)
    for name, content in FORMS.items():
        with open(os.path.join(ROOT, "forms", name + ".form"), "w") as f:
            json.dump(content, f, indent=2)
            f.write("\n")
    print(f"{len(FORMS)} forms written")
