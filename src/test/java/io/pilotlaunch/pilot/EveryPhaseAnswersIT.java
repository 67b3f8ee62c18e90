package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROLLBACK_COMPLETE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** Every read of /api answers a pilot in any phase, aborted ones included, without a 500. */
class EveryPhaseAnswersIT extends PostgresIntegrationTest {

  @Autowired RuntimeService runtimeService;

  @Test
  void everyReadAnswersEveryPhaseWithoutA500() {
    Map<String, String> pilotsByPhase = new LinkedHashMap<>();
    pilots.start("phases-pre");
    pilotsByPhase.put("pre-checklist", "phases-pre");

    String phase1 = pilots.start("phases-one");
    pilots.passPreChecklist(phase1);
    pilots.awaitTask(phase1, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    pilotsByPhase.put("phase 1", "phases-one");

    String phase2 = pilots.start("phases-two");
    pilots.passPreChecklist(phase2);
    pilots.passPhase1(phase2);
    pilotsByPhase.put("phase 2", "phases-two");

    String aborting = pilots.start("phases-aborting");
    abort(aborting);
    pilots.awaitTask(aborting, TASK_CONFIRM_ROLLBACK_COMPLETE);
    pilotsByPhase.put("aborting", "phases-aborting");

    String aborted = pilots.start("phases-aborted");
    abort(aborted);
    pilots.complete(aborted, TASK_CONFIRM_ROLLBACK_COMPLETE, PilotSteps.done());
    pilotsByPhase.put("aborted", "phases-aborted");

    String qaUser = users.memberOf(Team.QA_TESTING, "phases-qa");
    HttpCalls qa = http().as(qaUser, passwordOf(qaUser));
    for (Map.Entry<String, String> pilot : pilotsByPhase.entrySet()) {
      String base = "/api/pilots/" + pilot.getValue();
      for (String[] read :
          List.of(
              new String[] {base, "application/json"},
              new String[] {base + "/summary", "application/json"},
              new String[] {base + "/summary", "text/markdown"},
              new String[] {base + "/milestone.md", "text/markdown"},
              new String[] {base + "/issues", "application/json"},
              new String[] {"/api/pilots", "application/json"})) {
        ResponseEntity<String> answer = qa.get(read[0], read[1]);
        assertThat(answer.getStatusCode().value())
            .as("%s: GET %s (%s): %s", pilot.getKey(), read[0], read[1], answer.getBody())
            .isEqualTo(200);
      }
    }
  }

  private void abort(String processInstanceId) {
    runtimeService
        .createMessageCorrelation(MvpPilotLaunchProcess.Messages.ABORT_PILOT)
        .processInstanceId(processInstanceId)
        .setVariable(Variables.ABORT_REASON, "phase check")
        .correlate();
  }
}
