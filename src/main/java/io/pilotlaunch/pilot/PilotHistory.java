package io.pilotlaunch.pilot;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

/**
 * What the engine's history recorded of a pilot run, read the same way for the views, the summary
 * and the ticked milestone document. Reads as the engine's own user: callers check visibility.
 */
@Component
public class PilotHistory {

  private final HistoryService historyService;

  public PilotHistory(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** The values of these variables anywhere in the run; a name without a value is missing. */
  public Map<String, Object> variables(String processInstanceId, String... names) {
    Map<String, Object> values = new TreeMap<>();
    historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId)
        .variableNameIn(names)
        .list()
        .stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(variable -> values.putIfAbsent(variable.getName(), variable.getValue()));
    return values;
  }

  /** Every activity the run entered, in the order it started. */
  public List<HistoricActivityInstance> activities(String processInstanceId) {
    return historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime()
        .asc()
        .list();
  }

  /** The ids of the activities that ended (completed or cancelled). */
  public Set<String> endedActivityIds(String processInstanceId) {
    return historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .finished()
        .list()
        .stream()
        .map(HistoricActivityInstance::getActivityId)
        .collect(Collectors.toSet());
  }
}
