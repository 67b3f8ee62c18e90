package io.pilotlaunch.signoff;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_ADR_CANDIDATES;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_ENHANCEMENT_CANDIDATES;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.POST_MVP_ENHANCEMENTS_PROCESS_INSTANCE_ID;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.TENANT_ID;

import io.pilotlaunch.operations.EnhancementCandidates;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * The hand-off to Milestone 7: starts {@code PostMvpEnhancements} with the pilot's business key and
 * every enhancement candidate: those product management kept on the summary ({@code
 * pilotAdrCandidates}, new ones included) first, then those the feedback named ({@code
 * pilotEnhancementCandidates}), each once ({@link EnhancementCandidates}). Both variables exist in
 * every model version, so a pilot started on an older one hands over the same way. Pure engine
 * logic (no Spring beans), so the engine-only model tests run it as it is.
 *
 * <p>Idempotent: the job may run twice (asyncBefore, retries). A second run finds the instance
 * started by the first (by business key and {@code sourceProcessInstanceId}) and starts none.
 */
@org.springframework.stereotype.Component(
    MvpPilotLaunchProcess.Beans.START_POST_MVP_ENHANCEMENTS_DELEGATE)
public class StartPostMvpEnhancementsDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String businessKey = execution.getProcessBusinessKey();
    String sourceId = execution.getProcessInstanceId();
    String existing = findStarted(execution, businessKey, sourceId);
    if (existing == null) {
      Map<String, Object> variables = new HashMap<>();
      List<String> candidates =
          EnhancementCandidates.merge(
              text(execution, PILOT_ADR_CANDIDATES), text(execution, PILOT_ENHANCEMENT_CANDIDATES));
      variables.put(
          PostMvpEnhancementsProcess.Variables.TENANT_ID, execution.getVariable(TENANT_ID));
      variables.put(
          PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATES,
          String.join("\n", candidates));
      variables.put(
          PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATE_COUNT, candidates.size());
      variables.put(PostMvpEnhancementsProcess.Variables.SOURCE_PROCESS_INSTANCE_ID, sourceId);
      RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
      existing =
          runtime
              .startProcessInstanceByKey(
                  PostMvpEnhancementsProcess.PROCESS_ID, businessKey, variables)
              .getId();
    }
    execution.setVariable(POST_MVP_ENHANCEMENTS_PROCESS_INSTANCE_ID, existing);
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? "" : value.toString();
  }

  private static String findStarted(
      DelegateExecution execution, String businessKey, String sourceId) {
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    var query =
        history
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(PostMvpEnhancementsProcess.PROCESS_ID)
            .variableValueEquals(
                PostMvpEnhancementsProcess.Variables.SOURCE_PROCESS_INSTANCE_ID, sourceId);
    if (businessKey != null) {
      query = query.processInstanceBusinessKey(businessKey);
    }
    HistoricProcessInstance found = query.list().stream().findFirst().orElse(null);
    return found == null ? null : found.getId();
  }
}
