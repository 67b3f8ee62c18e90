package io.pilotlaunch.signoff;

import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.web.CallerRules;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The pilot summary and the ticked milestone document of a pilot. */
@RestController
@RequestMapping("/api/pilots/{tenantId}")
class SignOffController {

  static final String MARKDOWN = "text/markdown";

  /** The stored summary, or a draft compiled now when Phase 3 has not compiled one yet. */
  record SummaryResponse(
      boolean draft,
      PilotSummary summary,
      String confirmedText,
      String confirmedBy,
      java.time.Instant confirmedAt) {}

  private final VisiblePilots pilots;
  private final PilotSummaries summaries;
  private final MilestoneExport export;
  private final CallerRules caller;

  SignOffController(
      VisiblePilots pilots, PilotSummaries summaries, MilestoneExport export, CallerRules caller) {
    this.pilots = pilots;
    this.summaries = summaries;
    this.export = export;
    this.caller = caller;
  }

  @GetMapping(path = "/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  SummaryResponse summary(@PathVariable String tenantId) {
    PilotRun run = pilots.current(tenantId);
    return caller.asSystem(
        () ->
            summaries
                .find(run)
                .map(
                    stored ->
                        new SummaryResponse(
                            stored.confirmedAt() == null,
                            stored.compiled(),
                            stored.confirmedText(),
                            stored.confirmedBy(),
                            stored.confirmedAt()))
                .orElseGet(
                    () -> new SummaryResponse(true, summaries.compile(run), null, null, null)));
  }

  /** The confirmed text once product management confirmed it, else the compiled draft. */
  @GetMapping(path = "/summary", produces = MARKDOWN)
  String summaryMarkdown(@PathVariable String tenantId) {
    PilotRun run = pilots.current(tenantId);
    return caller.asSystem(
        () ->
            summaries
                .find(run)
                .map(
                    stored ->
                        stored.confirmedText() != null
                            ? MarkdownText.document(stored.confirmedText())
                            : stored.compiledMarkdown())
                .orElseGet(() -> summaries.markdown(summaries.compile(run))));
  }

  /**
   * The pilot's ticked document; with {@code milestone} (an id such as {@code m7}), that of the
   * milestone its run started.
   */
  @GetMapping(path = "/milestone.md", produces = MARKDOWN)
  String milestone(
      @PathVariable String tenantId, @RequestParam(required = false) String milestone) {
    PilotRun run = pilots.current(tenantId);
    return caller.asSystem(() -> export.export(run, milestone)).document();
  }
}
