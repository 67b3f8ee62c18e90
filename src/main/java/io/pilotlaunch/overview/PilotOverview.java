package io.pilotlaunch.overview;

import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.signoff.MilestoneExport.Progress;
import io.pilotlaunch.web.CallerRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the milestone owner's overview adds to a page of pilots: each one's progress through the
 * document and its incidents, read for the whole page at once.
 */
@Component
public class PilotOverview {

  /** An incident of a pilot: the model's name of the step that failed, and why. */
  public record IncidentLine(String step, String message, Instant at) {}

  private final PilotRuns runs;
  private final MilestoneExport export;
  private final RepositoryService repositoryService;
  private final CallerRules caller;
  private final NamedParameterJdbcTemplate jdbc;

  public PilotOverview(
      PilotRuns runs,
      MilestoneExport export,
      RepositoryService repositoryService,
      CallerRules caller,
      JdbcTemplate jdbc) {
    this.runs = runs;
    this.export = export;
    this.repositoryService = repositoryService;
    this.caller = caller;
    this.jdbc = new NamedParameterJdbcTemplate(jdbc);
  }

  /**
   * "N of M items" per run id, as the ticked document counts them ({@link
   * MilestoneExport#progress}); none for a run whose history is gone. A finished run's history no
   * longer changes: its count is kept in pilot_run the first time it is shown, so a page of
   * finished pilots is one read. The others are counted from their history together, in the reads
   * of one.
   */
  public Map<Long, Progress> progressOf(List<PilotRun> page) {
    Map<Long, int[]> kept =
        runs.keptProgress(page.stream().filter(run -> !run.isActive()).map(PilotRun::id).toList());
    Map<Long, Progress> progress = new HashMap<>();
    kept.forEach((id, known) -> progress.put(id, new Progress(known[0], known[1])));
    List<PilotRun> toCount = page.stream().filter(run -> !kept.containsKey(run.id())).toList();
    Map<Long, Progress> counted = caller.asSystem(() -> export.progress(toCount));
    for (PilotRun run : toCount) {
      Progress count = counted.get(run.id());
      if (count == null) {
        continue;
      }
      if (!run.isActive()) {
        runs.keepProgress(run.id(), count.ticked(), count.boxes());
      }
      progress.put(run.id(), count);
    }
    return progress;
  }

  /**
   * The open incidents of these runs by process instance id, oldest first, in one read: the
   * engine's incident query takes one instance at a time.
   */
  public Map<String, List<IncidentLine>> incidentsOf(List<PilotRun> page) {
    Map<String, List<IncidentLine>> incidents = new HashMap<>();
    if (page.isEmpty()) {
      return incidents;
    }
    jdbc.query(
        "select PROC_INST_ID_, PROC_DEF_ID_, ACTIVITY_ID_, INCIDENT_MSG_, INCIDENT_TIMESTAMP_"
            + " from ACT_RU_INCIDENT where PROC_INST_ID_ in (:instances)"
            + " order by INCIDENT_TIMESTAMP_, ID_",
        Map.of("instances", page.stream().map(PilotRun::processInstanceId).toList()),
        rs -> {
          incidents
              .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
              .add(
                  new IncidentLine(
                      stepName(rs.getString(2), rs.getString(3)),
                      rs.getString(4),
                      rs.getTimestamp(5).toInstant()));
        });
    return incidents;
  }

  /** The model's name of the step; its id when it has none. */
  private String stepName(String processDefinitionId, String activityId) {
    if (activityId == null) {
      return "the process";
    }
    ModelElementInstance element =
        caller
            .asSystem(() -> repositoryService.getBpmnModelInstance(processDefinitionId))
            .getModelElementById(activityId);
    return element instanceof FlowElement step && step.getName() != null
        ? step.getName()
        : activityId;
  }
}
