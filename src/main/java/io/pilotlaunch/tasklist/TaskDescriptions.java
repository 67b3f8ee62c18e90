package io.pilotlaunch.tasklist;

import static java.util.Map.entry;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import java.util.Map;
import java.util.Optional;

/**
 * What each task asks of its team, in the team's words, for this item and not in general: what to
 * do, why it matters, and which evidence shows it (or, for a review, which evidence to judge). One
 * text per checklist item of the milestone document (docs/milestones/m6-mvp-pilot-launch.md), keyed
 * by its id, machine-done items and exit criteria included; and one per task that carries no item
 * of its own (drift, remediation, escalation, …), keyed by the task's id. The model's documentation
 * stays for the people who change the model; Tasklist shows this, at the top of the form and on the
 * Description tab.
 */
final class TaskDescriptions {

  /**
   * @param what what the person does
   * @param why why the milestone needs it
   * @param evidence what shows it is done, or what a reviewer judges
   */
  record Guide(String what, String why, String evidence) {

    /** As the form shows it (Markdown). */
    String markdown() {
      return "**What to do:** " + what + "\n\n**Why:** " + why + "\n\n**Evidence:** " + evidence;
    }

    /** As the Description tab shows it (plain text). */
    String plain() {
      return "What to do: " + what + "\n\nWhy: " + why + "\n\nEvidence: " + evidence;
    }
  }

  private static final String INTEGRATION = MvpPilotLaunchProcess.INTEGRATION_BRANCH;

  private static final String SIGN_OFF_WHY =
      "The MVP pilot is formally accepted only with the product, QA, security and ops sign-offs,"
          + " the remaining risks accepted and the summary aligned; a rejection sends the pilot back"
          + " to the step you name.";

  /** Per checklist item id ({@code m6.<section>.<kind>.<name>}): all boxes of the document. */
  static final Map<String, Guide> BY_CHECKLIST_ITEM =
      Map.ofEntries(
          // Milestone Pre-Checklist
          entry(
              "m6.pre.pilot-scope",
              new Guide(
                  "Write down what this pilot covers and what it leaves out (features, user groups,"
                      + " data), its success metrics with their target values, and who covers"
                      + " support in which hours during the pilot window.",
                  "Every review and the sign-off judge the pilot against this scope and these"
                      + " metrics; without them nobody can say at the end whether the pilot"
                      + " succeeded.",
                  "a link to the pilot scope document or ticket that lists the scope, each metric"
                      + " with its target, and the support coverage.")),
          entry(
              "m6.pre.onboarding-checklist",
              new Guide(
                  "Finalize the onboarding checklist this tenant will go through: routing,"
                      + " baseline configuration, access set-up and the verification steps QA"
                      + " runs. Freeze it; changes from now on go through a new version.",
                  "Phase 1 executes this checklist step by step and QA validates the onboarding"
                      + " against it; a checklist that moves during onboarding validates nothing.",
                  "a link to the finalized checklist: a versioned document or the merged pull"
                      + " request that holds it.")),
          entry(
              "m6.pre.rollback-incident-paths",
              new Guide(
                  "Document how this tenant is rolled back (aborting the pilot removes its routing"
                      + " and baseline; say what else must be undone, e.g. DNS, credentials, data)"
                      + " and how incidents are handled: who is paged, where incidents are"
                      + " tracked, and how a failed onboarding step is retried in Cockpit.",
                  "During a live pilot there is no time to work out a rollback; the path must"
                      + " exist, written down, before the tenant is routed.",
                  "a link to the runbook that holds the rollback steps and the incident handling"
                      + " path for this pilot.")),
          entry(
              "m6.pre.support-escalation",
              new Guide(
                  "Name who answers the pilot's support tickets, the response and resolution times"
                      + " per severity they commit to, and to whom they escalate when a time is"
                      + " missed.",
                  "Phase 2 measures support against these times, and an issue that passes its"
                      + " response time goes to the escalation owner.",
                  "a link to the support and escalation page: owners, contacts, response times,"
                      + " escalation chain.")),
          entry(
              "m6.pre.roadmap-status",
              new Guide(
                  "Bring the roadmap index (/roadmap) up to date: Milestone 6 in progress with its"
                      + " owners named, and Milestone 5, which it depends on, completed.",
                  "The milestone may only start once its dependency is completed, and the"
                      + " milestone review checks the artifacts against the roadmap index.",
                  "the roadmap index, which this task's form shows as it is now (status, owner,"
                      + " who changed each milestone and when); link the pull request that updated"
                      + " docs/milestones/README.md if you changed it there.")),
          // Phase 1: Pilot Tenant Onboarding
          entry(
              "m6.phase1.dev.tenant-routing",
              new Guide(
                  "Nothing, unless it fails: the app routes the tenant to the chosen environment"
                      + " and region and records the route. A conflict with an existing route"
                      + " opens \"Resolve onboarding conflict\" for DevOps + SRE; a failure shows"
                      + " as an incident in Cockpit, where DevOps + SRE retries it.",
                  "The tenant must reach the pilot environment before anything can be verified.",
                  "the recorded route (tenant, environment, region, address) in the onboarding"
                      + " audit.")),
          entry(
              "m6.phase1.dev.baseline-provisioning",
              new Guide(
                  "Nothing, unless it fails: the app applies the newest baseline (feature flags,"
                      + " quotas, support contacts, data retention) to the tenant in one step. A"
                      + " failure shows as an incident in Cockpit.",
                  "Every pilot tenant starts from the same known configuration.",
                  "the baseline version applied, in the onboarding audit.")),
          entry(
              "m6.phase1.dev.onboarding-verification",
              new Guide(
                  "Verify the onboarded tenant against the onboarding checklist: the automated"
                      + " checks (route, baseline, health) are in the details below; run the"
                      + " manual steps of the checklist and note any that fail.",
                  "The tenant must be shown to work as onboarded before the reviews, and before"
                      + " real pilot users arrive.",
                  "a link to the test run or report with the result of each step.")),
          entry(
              "m6.phase1.review.onboarding-checklist",
              new Guide(
                  "Check that every step of the finalized onboarding checklist was executed for"
                      + " this tenant and its result recorded. Approve when all were; otherwise"
                      + " reject and name the missing steps.",
                  "An onboarding that skipped a step fails later, in front of pilot users.",
                  "the finalized onboarding checklist (linked on the pre-checklist item), the"
                      + " verification report of QA and the onboarding audit, all on the pilot's"
                      + " milestone document page.")),
          entry(
              "m6.phase1.review.security-access",
              new Guide(
                  "Validate the tenant's access: who can reach it and with which roles, that no"
                      + " default or shared credentials remain, and that the tenant sees only its"
                      + " own data. Approve when it holds; otherwise reject with what must change.",
                  "Real users and their data arrive in Phase 2; access must be right before"
                      + " that.",
                  "the access review of the tenant (role list, isolation check); name it in your"
                      + " comment.")),
          entry(
              "m6.phase1.review.onboarding-docs",
              new Guide(
                  "Compare the pilot onboarding documentation with what was actually executed"
                      + " (the checklist, the verification, the routing and baseline in the"
                      + " audit). Approve when they match; otherwise reject and name the"
                      + " differences.",
                  "The next pilot onboards from these docs; they must describe what works.",
                  "the onboarding docs and the Phase 1 entries of the pilot's milestone document"
                      + " page.")),
          entry(
              "m6.phase1.exit.tenant-ready",
              new Guide(
                  "Nothing directly: the tenant is ready for live pilot workflows when QA's"
                      + " verification is done and the three Phase 1 reviews approve; otherwise"
                      + " DevOps + SRE remediates and they run again.",
                  "Pilot users must not meet a tenant that failed its onboarding.",
                  "the verification and the three review decisions.")),
          // Phase 2: Pilot Execution and Support
          entry(
              "m6.phase2.dev.monitor-pilot",
              new Guide(
                  "Watch the pilot's usage, incidents and support tickets for the whole window."
                      + " Report each issue (the issue API or your ticketing integration) and"
                      + " each piece of feedback as it comes. This task closes by itself at the"
                      + " end of the last pilot day; tick Done earlier only if the pilot ends"
                      + " early.",
                  "Phase 2's reviews and the pilot summary are built from what is recorded"
                      + " here; an issue nobody reported is a defect nobody fixes.",
                  "a link to the monitoring dashboard or the pilot's support queue.")),
          entry(
              "m6.phase2.dev.apply-fixes",
              new Guide(
                  "Fix the issue shown below in a small pull request from the branch shown into "
                      + INTEGRATION
                      + ". Merging it closes this task by itself. If you close it by hand, tick"
                      + " Done and link the pull request; if the fix cannot be made, say why in"
                      + " the comment.",
                  "Fixes during a live pilot stay small, reviewed and traceable to their issue.",
                  "the link to the merged pull request.")),
          entry(
              "m6.phase2.dev.track-feedback",
              new Guide(
                  "Categorize this piece of pilot feedback, and list the enhancement candidates it"
                      + " names, one per line.",
                  "Each candidate becomes an ADR decision in Phase 3 and a planning task in"
                      + " Milestone 7; uncategorized feedback is lost.",
                  "the category and the candidates you enter; the feedback is shown above.")),
          entry(
              "m6.phase2.review.support-slas",
              new Guide(
                  "Check the support figures in the details (issues, response times met and"
                      + " breached) against the agreed response times. Approve when they were"
                      + " met or each breach is explained; otherwise reject with what must"
                      + " change.",
                  "The pilot promised its users these response times; the sign-off relies on"
                      + " this review.",
                  "the SLA figures in the details and the escalations on the pilot's milestone"
                      + " document page.")),
          entry(
              "m6.phase2.review.fixes-tested",
              new Guide(
                  "Confirm that every fix applied during the pilot was reviewed and tested (each"
                      + " issue's \"Review and test the fix\" approved). Approve when all were;"
                      + " otherwise reject and name the fixes that were not.",
                  "An untested fix in a live pilot is a new defect waiting to happen.",
                  "the issues and their fix reviews on the pilot's milestone document page.")),
          entry(
              "m6.phase2.review.feedback-mapping",
              new Guide(
                  "Confirm that every piece of feedback is categorized and that each enhancement"
                      + " candidate traces back to the feedback it came from. Approve when it"
                      + " does; otherwise reject and name what is missing.",
                  "Milestone 7 plans from these candidates; each must say where it came from.",
                  "the feedback and its candidates on the pilot's milestone document page.")),
          entry(
              "m6.phase2.exit.no-critical-issues",
              new Guide(
                  "Nothing directly: the pilot leaves Phase 2 when no critical issue is open and"
                      + " the three Phase 2 reviews approve; otherwise DevOps + SRE resolves the"
                      + " critical issues and the reviews run again.",
                  "The MVP cannot be signed off while a critical issue is open.",
                  "the open critical issues (none) and the three review decisions.")),
          // Phase 3: Pilot Exit and MVP Sign-Off
          entry(
              "m6.phase3.dev.pilot-summary",
              new Guide(
                  "Read the summary compiled from the pilot's records (results, defects, risks,"
                      + " recommendations), correct what it misses, keep the enhancement"
                      + " candidates that need an ADR, and confirm.",
                  "The four sign-offs and the risk review judge the pilot by this summary.",
                  "the confirmed summary itself; each kept candidate becomes an Architecture ADR"
                      + " task.")),
          entry(
              "m6.phase3.dev.acceptance-criteria",
              new Guide(
                  "Go through the MVP acceptance criteria and confirm each is met, saying where it"
                      + " shows (the phase exit criteria on the milestone document page). Tick"
                      + " Done when all are; otherwise leave it unticked and say which are not.",
                  "The sign-offs accept the MVP against these criteria.",
                  "a link to the acceptance criteria with each marked met and its proof.")),
          entry(
              "m6.phase3.dev.enhancement-adrs",
              new Guide(
                  "Decide whether this enhancement candidate needs an architecture decision"
                      + " record; if it does, open it and give its title and link.",
                  "Post-MVP work that changes the architecture starts from a recorded decision.",
                  "the ADR's title and link, or your reason in the comment why none is needed.")),
          entry(
              "m6.phase3.review.signoffs",
              new Guide(
                  "Sign off the pilot for your team: read the confirmed pilot summary and the"
                      + " acceptance criteria shown. Sign off, sign off with conditions (say"
                      + " which), or reject and say what must be redone.",
                  SIGN_OFF_WHY,
                  "the confirmed summary and the acceptance criteria in the details, and the"
                      + " pilot's milestone document page.")),
          entry(
              "m6.phase3.review.remaining-risks",
              new Guide(
                  "Go through the risks the summary lists (open non-critical issues, SLA"
                      + " breaches, rejected reviews). Approve when each is accepted or scheduled,"
                      + " naming its owner or ticket in the comment; otherwise reject with the"
                      + " risks left open.",
                  "A risk nobody owns after the pilot becomes the next pilot's incident.",
                  "the Risks section of the confirmed summary in the details.")),
          entry(
              "m6.phase3.review.summary-alignment",
              new Guide(
                  "Check that the confirmed summary describes what the system actually did: the"
                      + " phases, issues, fixes and feedback on record. Approve when every claim"
                      + " has its record; otherwise reject and name the claims that do not.",
                  "The summary is the pilot's record for the roadmap and Milestone 7; it must"
                      + " match what happened.",
                  "the summary in the details against the pilot's milestone document page.")),
          entry(
              "m6.phase3.exit.formally-accepted",
              new Guide(
                  "Nothing directly: the pilot is formally accepted when the four sign-offs, the"
                      + " risk review and the summary review all approve; otherwise product"
                      + " management resolves the findings and the step a rejection named runs"
                      + " again.",
                  SIGN_OFF_WHY,
                  "the four sign-offs and the two reviews on the milestone document page.")),
          entry(
              "m6.phase3.exit.milestone-status-completed",
              new Guide(
                  "Nothing: the app sets the milestone status to Completed once the pilot is"
                      + " formally accepted.",
                  "The roadmap index and Milestone 7 read this status.",
                  "the Status line of the pilot's milestone document.")),
          // Milestone Review Checklist
          entry(
              "m6.review.phase-exit-criteria",
              new Guide(
                  "Confirm on the pilot's milestone document page that the exit criteria of the"
                      + " pre-checklist and of all three phases are ticked. Approve when they"
                      + " are; otherwise reject and name the open ones.",
                  "A milestone is complete only when every phase met its exit criteria.",
                  "the ticked exit criteria on the pilot's milestone document page.")),
          entry(
              "m6.review.roadmap-artifacts",
              new Guide(
                  "Check that the milestone's artifacts (the ticked milestone document, the pilot"
                      + " summary, the ADRs) are where the roadmap index says, with the status it"
                      + " says. Approve when they match; otherwise reject and name the"
                      + " differences.",
                  "The roadmap index is how everyone else learns where the milestone stands.",
                  "the roadmap index entry and the artifacts it links.")),
          entry(
              "m6.review.standards-consistency",
              new Guide(
                  "Check that the standards, ADR references and docs touched by the pilot are"
                      + " consistent: links resolve, referenced ADRs exist, docs describe the"
                      + " pilot's outcome. Approve when they do; otherwise reject and name what"
                      + " is inconsistent.",
                  "Later milestones build on these documents.",
                  "the docs and ADRs the pilot touched.")),
          entry(
              "m6.review.milestone-status-completed",
              new Guide(
                  "Nothing: the app confirms the milestone status Completed once the milestone"
                      + " review passes, and hands the enhancement candidates to Milestone 7.",
                  "The next milestone starts from a completed one.",
                  "the Status line of the pilot's milestone document, and the Milestone 7"
                      + " process that received the candidates.")));

  /** Tasks that carry no checklist item of their own, by task id. */
  static final Map<String, Guide> BY_TASK =
      Map.ofEntries(
          entry(
              Elements.TASK_RESOLVE_PRE_CHECKLIST_DRIFT,
              new Guide(
                  "The items listed in the details were not done. Settle each with its owner, then"
                      + " tick Done; only those items are checked again.",
                  "The tenant is not onboarded until the whole pre-checklist is done.",
                  "a link to where the open points were settled (meeting notes, tickets).")),
          entry(
              Elements.TASK_RESOLVE_TENANT_ROUTING_CONFLICT,
              new Guide(
                  "Routing found a conflict with the current route shown. Clear or change that"
                      + " route, then say what you did; routing runs again with the environment"
                      + " and region you give.",
                  "A tenant routed to two places serves its users from the wrong one.",
                  "what you did, in \"What was done\".")),
          entry(
              Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED,
              new Guide(
                  "Merge the onboarding pull request from the branch shown into "
                      + INTEGRATION
                      + ". The git webhook closes this task by itself; tick Done and link the"
                      + " pull request only if you close it by hand.",
                  "The onboarding changes must be on the integration branch before they are"
                      + " verified.",
                  "the link to the merged pull request.")),
          entry(
              Elements.TASK_REMEDIATE_TENANT_ONBOARDING,
              new Guide(
                  "The verification failed or a Phase 1 review rejected the onboarding; their"
                      + " reasons are on the pilot's milestone document page. Fix what they name,"
                      + " then tick Done; the verification and the reviews run again.",
                  "Pilot users must not meet a tenant that failed its onboarding.",
                  "links to the fixes.")),
          entry(
              Elements.TASK_TRIAGE_PILOT_ISSUE,
              new Guide(
                  "Confirm the issue's severity and decide whether it gets a fix during the pilot;"
                      + " for a fix, choose the component and a short topic (the fix branch is"
                      + " named after it).",
                  "The issue waits for its first response, due by the response time of its"
                      + " severity; past it, DevOps + SRE gets an escalation task.",
                  "your decision and comment.")),
          entry(
              Elements.TASK_ESCALATE_PILOT_ISSUE,
              new Guide(
                  "The issue shown passed its response time without a first response. Get it one"
                      + " and an owner now, then tick Done and link where it was picked up.",
                  "The pilot promised its users these response times; the breach is recorded"
                      + " for the SLA review.",
                  "a link to the ticket or incident where the issue was picked up.")),
          entry(
              Elements.TASK_REVIEW_AND_TEST_FIX,
              new Guide(
                  "Review the fix's pull request and test it against the issue shown. Approve"
                      + " when the issue is gone and nothing else broke; otherwise reject with"
                      + " what failed, and the fix goes back to its team.",
                  "Fixes during a live pilot reach users at once; each is reviewed and tested"
                      + " first.",
                  "the fix's pull request (on the pilot's milestone document page) and your"
                      + " test.")),
          entry(
              Elements.TASK_RESOLVE_CRITICAL_PILOT_ISSUES,
              new Guide(
                  "Critical issues are still open, or a Phase 2 review rejected. Resolve each open"
                      + " critical issue and what the rejections name, then tick Done; the Phase 2"
                      + " reviews run again.",
                  "The pilot may not leave Phase 2 with an unresolved critical issue.",
                  "links to the resolutions.")),
          entry(
              Elements.TASK_RESOLVE_SIGN_OFF_FINDINGS,
              new Guide(
                  "A sign-off or a Phase 3 review rejected; its reason is on the pilot's milestone"
                      + " document page. Address it, then tick Done; the pilot returns to the step"
                      + " the rejection named.",
                  SIGN_OFF_WHY,
                  "links to the changes.")),
          entry(
              Elements.TASK_RESOLVE_MILESTONE_REVIEW_FINDINGS,
              new Guide(
                  "A milestone review item was rejected; its reason is on the pilot's milestone"
                      + " document page. Address it, then tick Done; the milestone review runs"
                      + " again.",
                  "The milestone is completed only once its review passes.",
                  "links to the changes.")),
          entry(
              Elements.TASK_CONFIRM_ROLLBACK_COMPLETE,
              new Guide(
                  "The pilot was aborted, and the app removed the tenant's routing and baseline."
                      + " Check that nothing else of the tenant remains (DNS, credentials, data as"
                      + " the retention policy says), then tick Done.",
                  "An aborted pilot must leave nothing behind that still serves or holds the"
                      + " tenant.",
                  "a link to the rollback record.")));

  private TaskDescriptions() {}

  /** The guide of a task: its own, else its checklist item's; empty for neither. */
  static Optional<Guide> of(String taskKey, String checklistItemId) {
    Guide guide = BY_TASK.get(taskKey);
    if (guide == null && checklistItemId != null) {
      guide = BY_CHECKLIST_ITEM.get(checklistItemId);
    }
    return Optional.ofNullable(guide);
  }
}
