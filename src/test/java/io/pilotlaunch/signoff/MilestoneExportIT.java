package io.pilotlaunch.signoff;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROLLBACK_COMPLETE;
import static io.pilotlaunch.support.PilotSteps.done;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The milestone document as a pilot's records tick it. */
class MilestoneExportIT extends PostgresIntegrationTest {

  static final Path DOCUMENT = Path.of("docs/milestones/m6-mvp-pilot-launch.md");

  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;

  @Test
  void anAbortedPilotExportsAbortedWithItsRollback() throws IOException {
    HttpCalls sre = member(Team.DEVOPS_SRE);
    assertThat(
            sre.postJson("/api/pilots", PilotApi.startBody("export-abort")).getStatusCode().value())
        .isEqualTo(201);
    String pilot = processInstanceOf("export-abort");
    pilots.passPreChecklist(pilot);
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    assertThat(
            sre.postJson(
                    "/api/pilots/export-abort/abort",
                    "{\"reason\": \"security finding in the tenant\"}")
                .getStatusCode()
                .value())
        .isEqualTo(202);
    String confirm = pilots.awaitTask(pilot, TASK_CONFIRM_ROLLBACK_COMPLETE).getId();
    taskService.claim(confirm, "export-devops-sre");
    taskService.complete(confirm, done());

    String export = markdown(sre, "/api/pilots/export-abort/milestone.md");

    assertThat(export)
        .contains(
            "- Status: Aborted",
            "  - Aborted on ",
            ": security finding in the tenant",
            "  - Rolled back ROUTE_REMOVED on ",
            "  - Rolled back BASELINE_REMOVED on ",
            "  - Rollback confirmed by export-devops-sre on ");
    assertThat(export)
        .contains("- [x] Pilot scope, success metrics, and support coverage are defined.");
    // Routing ran before the abort rolled it back: the box records that it ran, the status says the
    // rest.
    assertThat(export)
        .contains("- [x] Configure tenant and environment routing.\n  - Done automatically on ")
        .contains("- [ ] Execute onboarding verification checklist.\n");
    assertOnlyTicksStatusAndAnnotationsDiffer(export);
  }

  @Test
  void aRunningPilotTicksWhatIsDoneWithWhoAndEvidence() throws IOException {
    HttpCalls pm = member(Team.PRODUCT_MANAGEMENT);
    assertThat(
            pm.postJson("/api/pilots", PilotApi.startBody("export-running"))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    pilots.passPreChecklist(processInstanceOf("export-running"));

    String export = markdown(member(Team.QA_TESTING), "/api/pilots/export-running/milestone.md");

    assertThat(export)
        .contains(
            "- Status: In Progress",
            "- [x] Tenant onboarding checklist is finalized.\n  - Done by ",
            "; evidence: <https://wiki.example.test/pilot/evidence>",
            "- [ ] Execute onboarding verification checklist.\n",
            "- [ ] MVP pilot is formally accepted.\n");
    assertOnlyTicksStatusAndAnnotationsDiffer(export);
  }

  /** Drop the annotations, untick the boxes and restore the status: the document is back. */
  private static void assertOnlyTicksStatusAndAnnotationsDiffer(String export) throws IOException {
    String restored =
        export
            .lines()
            .filter(line -> !line.startsWith("  - "))
            .map(line -> line.startsWith("- [x] ") ? "- [ ] " + line.substring(6) : line)
            .map(line -> line.startsWith("- Status: ") ? "- Status: Not Started" : line)
            .reduce((a, b) -> a + "\n" + b)
            .orElseThrow();
    assertThat(restored).isEqualTo(Files.readString(DOCUMENT).stripTrailing());
  }

  private String markdown(HttpCalls calls, String path) {
    ResponseEntity<String> response = calls.get(path, "text/markdown");
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    assertThat(response.getHeaders().getFirst("Content-Type"))
        .satisfies(type -> assertThat(type).startsWith("text/markdown"));
    return response.getBody();
  }

  private String processInstanceOf(String tenantId) {
    return jdbc.queryForObject(
        "select process_instance_id from pilot.pilot_run where active_tenant_id = ?",
        String.class,
        tenantId);
  }

  private HttpCalls member(Team team) {
    String userId = users.memberOf(team, "export-" + team.groupId());
    return http().as(userId, passwordOf(userId));
  }
}
