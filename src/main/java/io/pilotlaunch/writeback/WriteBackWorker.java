package io.pilotlaunch.writeback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotlaunch.pilot.MilestoneStatus;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.writeback.WriteBackOutbox.Entry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes back what the outbox holds: takes due runs (a lease, so no other node takes them
 * meanwhile), commits the run's ticked document and the roadmap index's status on the milestone's
 * branch, pushes, opens the pull request, and records the result. A failure is tried again with
 * growing waits; after the last attempt the run is FAILED, counted and logged with its reason.
 * Every step may run twice: the same content makes no second commit, an open pull request is no
 * error.
 */
public class WriteBackWorker {

  private static final Logger log = LoggerFactory.getLogger(WriteBackWorker.class);

  /** The export's annotation of a sign-off: "Signed off by ann on …". */
  private static final Pattern SIGNED_OFF =
      Pattern.compile("Signed off(?: with conditions)? by (.+?) on ");

  private static final Pattern TITLE = Pattern.compile("^# Milestone \\d+: (.+)$");
  private static final Pattern OWNER = Pattern.compile("^- Milestone Owner: (.+)$");

  private final WriteBackOutbox outbox;
  private final PilotRuns runs;
  private final MilestoneExport export;
  private final WriteBackSettings settings;
  private final Map<String, WriteBackSettings.Resolved> targets;
  private final DocsRepository repository;
  private final PullRequests pullRequests;
  private final Clock clock;
  private final String node;
  private final Counter failed;

  public WriteBackWorker(
      WriteBackOutbox outbox,
      PilotRuns runs,
      MilestoneExport export,
      WriteBackSettings settings,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.runs = runs;
    this.export = export;
    this.settings = settings;
    this.targets = settings.enabled();
    this.repository = new DocsRepository(settings.timeout());
    this.pullRequests = new PullRequests(settings.timeout());
    this.clock = clock;
    this.node = ManagementFactory.getRuntimeMXBean().getName();
    this.failed =
        Counter.builder("pilot.write_back.failed")
            .description("Write-backs given up after their last attempt")
            .register(meters);
    // what waits is only worth a query per scrape where something is written back
    List<String> counted =
        targets.isEmpty() ? List.of() : List.of(WriteBackOutbox.PENDING, WriteBackOutbox.FAILED);
    for (String status : counted) {
      Gauge.builder("pilot.write_back.outbox", outbox, o -> o.count(status))
          .description("Completed milestone runs waiting to be written back, or given up")
          .tag("status", status.toLowerCase(java.util.Locale.ROOT))
          .strongReference(true)
          .register(meters);
    }
  }

  /** One round: everything due now. Returns how many runs were written back. */
  public int writeBackDue() {
    String claimer = node + "/" + UUID.randomUUID();
    int done = 0;
    for (Entry entry : outbox.claim(claimer, settings.lease(), 10)) {
      done += writeBack(entry, claimer) ? 1 : 0;
    }
    return done;
  }

  private boolean writeBack(Entry entry, String claimer) {
    try {
      WriteBackSettings.Resolved target = targets.get(entry.milestone());
      if (target == null) {
        throw new IllegalStateException(
            "write-back of milestone " + entry.milestone() + " is not enabled on this node");
      }
      PilotRun run =
          runs.findByProcessInstance(entry.processInstanceId())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no pilot run of process instance " + entry.processInstanceId()));
      String document = export.export(run, entry.milestone()).document();
      Set<String> signedOffBy = signedOffBy(document);
      Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
      edits.put(target.documentPath(), before -> document + "\n");
      edits.put(
          target.indexPath(),
          before ->
              RoadmapIndexFile.withStatus(
                  before,
                  new RoadmapIndexFile.Row(
                      target.milestone().label(),
                      firstMatch(TITLE, document),
                      firstMatch(OWNER, document),
                      RoadmapIndexFile.documentLink(target.indexPath(), target.documentPath())),
                  MilestoneStatus.COMPLETED.label(),
                  fileName(target.documentPath())));
      String title =
          target.milestone().label()
              + " "
              + firstMatch(TITLE, document)
              + ": completed for tenant "
              + run.tenantId();
      DocsRepository.Pushed pushed =
          repository.commit(target, edits, author(), commitMessage(title, run, signedOffBy));
      String pullRequest =
          target.host().isEmpty()
              ? null
              : pullRequests.open(target, title, pullRequestBody(run, signedOffBy, pushed));
      outbox.done(entry, claimer, pushed.commitId(), pullRequest);
      log.info(
          "Wrote back {} of tenant {} to {} on {} (commit {}{}), pull request: {}",
          entry.milestone(),
          run.tenantId(),
          target.repositoryUrl(),
          target.branch(),
          pushed.commitId(),
          pushed.committed() ? "" : ", nothing new to commit",
          pullRequest == null ? "none configured" : pullRequest);
      return true;
    } catch (Exception e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      boolean last = entry.attempts() + 1 >= settings.maxAttempts();
      outbox.failed(
          entry,
          claimer,
          reason,
          last,
          clock.instant().plus(settings.backoff(entry.attempts() + 1)));
      if (last) {
        failed.increment();
        log.warn(
            "Write-back {} ({} of process instance {}, tenant {}) failed after {} attempts and is"
                + " given up: {}",
            entry.id(),
            entry.milestone(),
            entry.processInstanceId(),
            entry.tenantId(),
            entry.attempts() + 1,
            reason);
      } else {
        log.info(
            "Write-back {} ({} of tenant {}) failed, tried again later: {}",
            entry.id(),
            entry.milestone(),
            entry.tenantId(),
            reason);
      }
      return false;
    }
  }

  private PersonIdent author() {
    return new PersonIdent(
        settings.authorName(), settings.authorEmail(), clock.instant(), clock.getZone());
  }

  private static String commitMessage(String title, PilotRun run, Set<String> signedOffBy) {
    return title
        + "\n\nThe ticked milestone document and the roadmap index status, written back by Pilot"
        + " Launch when the run of tenant "
        + run.tenantId()
        + " (process instance "
        + run.processInstanceId()
        + ") completed.\n"
        + (signedOffBy.isEmpty()
            ? ""
            : "\nSigned off by: " + String.join(", ", signedOffBy) + "\n");
  }

  private static String pullRequestBody(
      PilotRun run, Set<String> signedOffBy, DocsRepository.Pushed pushed) {
    return "Milestone run of tenant `"
        + run.tenantId()
        + "` completed; its status is "
        + run.milestoneStatus().label()
        + ".\n\n"
        + (signedOffBy.isEmpty()
            ? ""
            : "Signed off by: " + String.join(", ", signedOffBy) + ".\n\n")
        + "This pull request carries the ticked milestone document (every box with who, when and"
        + " the evidence) and the roadmap index status, as of commit "
        + pushed.commitId()
        + ".";
  }

  private static Set<String> signedOffBy(String document) {
    Set<String> names = new LinkedHashSet<>();
    Matcher matcher = SIGNED_OFF.matcher(document);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String firstMatch(Pattern pattern, String document) {
    return document
        .lines()
        .map(pattern::matcher)
        .filter(Matcher::matches)
        .map(matcher -> matcher.group(1).strip())
        .findFirst()
        .orElse("");
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
