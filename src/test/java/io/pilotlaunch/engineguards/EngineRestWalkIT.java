package io.pilotlaunch.engineguards;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.teams.TeamCommands;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Every write of /engine-rest (each POST, PUT and DELETE its resources declare, found by walking
 * them, so a resource a later Camunda adds is walked too), sent by each of the two pilot owners
 * (the teams with the most grants) against a live pilot with an empty body: none answers 5xx; a
 * call that succeeds ran reads only (POST queries); and every command the engine really ran for
 * them ({@link CommandJournal}, inside the engine after every guard) is one {@link TeamCommands}
 * names. The commands a team's work needs, with the bodies they need, are tried in {@link
 * CommandAllowListIT}.
 */
class EngineRestWalkIT extends PostgresIntegrationTest {

  @Autowired CommandJournal journal;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired FilterService filterService;

  @Test
  void noWriteOfEngineRestRunsACommandTheTeamsWorkDoesNotNeed() {
    List<Operation> operations = writes();
    assertThat(operations).as("the walk finds Camunda's writes").hasSizeGreaterThan(150);
    Ids ids = aPilotAndATimer();

    List<String> problems = new ArrayList<>();
    // the two owners hold the most grants: what they cannot do, no other team can
    for (Team team : List.of(Team.PRODUCT_MANAGEMENT, Team.DEVOPS_SRE)) {
      String walker = users.memberOf(team, "walker-" + team.groupId());
      journal.watch(walker);
      HttpCalls member = http().as(walker, passwordOf(walker));
      for (Operation operation : operations) {
        String path = ids.fill(operation.path(), walker);
        int before = journal.ranFor(walker).size();
        ResponseEntity<String> answer =
            member.send(operation.method(), "/engine-rest" + path, operation.body());
        List<CommandJournal.Ran> ran = journal.ranFor(walker);
        int status = answer.getStatusCode().value();
        if (status >= 500) {
          problems.add(team + " " + operation + " → " + status + " " + answer.getBody());
        }
        for (CommandJournal.Ran command : ran.subList(before, ran.size())) {
          var allowed = TeamCommands.find(command.command());
          if (allowed.isEmpty()) {
            problems.add(team + " " + operation + " ran " + command.command().getName());
          } else if (status < 300 && allowed.get().condition() != TeamCommands.Condition.NONE) {
            problems.add(team + " " + operation + " changed something → " + status);
          }
        }
      }
    }

    assertThat(problems).isEmpty();
    assertThat(taskService.createTaskQuery().taskId(ids.taskId).singleResult())
        .as("the pilot's task is as it was")
        .satisfies(task -> assertThat(task.getAssignee()).isNull());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(ids.pilot).count())
        .isOne();
    assertThat(managementService.createJobQuery().jobId(ids.jobId).singleResult().getDuedate())
        .isEqualTo(ids.jobDueDate);
  }

  private record Operation(String method, String path) {
    String body() {
      return method.equals("DELETE") ? null : "{}";
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** The POST, PUT and DELETE operations the REST resources declare, walked from their roots. */
  private static List<Operation> writes() {
    Set<String> found = new TreeSet<>();
    for (Class<?> resource : CamundaRestResources.getResourceClasses()) {
      Path root = resource.getAnnotation(Path.class);
      if (root != null && !root.value().startsWith("/engine")) {
        walk(resource, normalize(root.value()), found, 0);
      }
    }
    return found.stream()
        .map(line -> line.split(" ", 2))
        .map(parts -> new Operation(parts[0], parts[1]))
        .toList();
  }

  private static void walk(Class<?> resource, String prefix, Set<String> found, int depth) {
    if (depth > 8) {
      return;
    }
    for (Method method : resource.getMethods()) {
      Path path = method.getAnnotation(Path.class);
      String full = prefix + (path == null ? "" : normalize(path.value()));
      String verb = verbOf(method);
      if (verb == null && path != null) {
        walk(method.getReturnType(), full, found, depth + 1); // a sub-resource locator
      } else if (verb != null && !verb.equals("GET")) {
        found.add(verb + " " + (full.isEmpty() ? "/" : full));
      }
    }
  }

  private static String verbOf(Method method) {
    if (method.isAnnotationPresent(POST.class)) {
      return "POST";
    }
    if (method.isAnnotationPresent(PUT.class)) {
      return "PUT";
    }
    if (method.isAnnotationPresent(DELETE.class)) {
      return "DELETE";
    }
    return method.isAnnotationPresent(GET.class) ? "GET" : null;
  }

  private static String normalize(String path) {
    String withSlash = path.startsWith("/") ? path : "/" + path;
    return withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
  }

  private Ids aPilotAndATimer() {
    String pilot = pilots.start("walk-" + System.nanoTime());
    Task task = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    String timerKey = "WalkTimer";
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(timerKey).count()
        == 0) {
      repositoryService
          .createDeployment()
          .addModelInstance(
              timerKey + ".bpmn",
              Bpmn.createExecutableProcess(timerKey)
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .intermediateCatchEvent()
                  .timerWithDuration("P1D")
                  .endEvent()
                  .done())
          .deploy();
    }
    ProcessInstance waiting = runtimeService.startProcessInstanceByKey(timerKey);
    var job = managementService.createJobQuery().processInstanceId(waiting.getId()).singleResult();
    var definition =
        repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionId(task.getProcessDefinitionId())
            .singleResult();
    String filterId =
        filterService.createFilterQuery().filterName("My tasks").singleResult().getId();
    return new Ids(
        pilot,
        task.getId(),
        task.getExecutionId(),
        definition.getId(),
        definition.getDeploymentId(),
        job.getId(),
        job.getDuedate(),
        filterId,
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceId(pilot)
            .singleResult()
            .getTenantId());
  }

  /** Real ids for the path parameters, chosen by the resource a parameter follows. */
  private record Ids(
      String pilot,
      String taskId,
      String executionId,
      String definitionId,
      String deploymentId,
      String jobId,
      java.util.Date jobDueDate,
      String filterId,
      String tenantId) {

    private static final Pattern PARAMETER = Pattern.compile("/([^/{]+)/\\{([^}]+)}");

    String fill(String template, String walker) {
      Map<String, String> byResource = new LinkedHashMap<>();
      byResource.put("task", taskId);
      byResource.put("process-instance", pilot);
      byResource.put("execution", executionId);
      byResource.put("process-definition", definitionId);
      byResource.put("key", MvpPilotLaunchProcess.PROCESS_ID);
      byResource.put("deployment", deploymentId);
      byResource.put("job", jobId);
      byResource.put("filter", filterId);
      byResource.put("tenant", tenantId);
      byResource.put("tenant-id", tenantId);
      byResource.put("user", walker);
      byResource.put("members", walker);
      byResource.put("group", Team.ARCHITECTURE.groupId());
      byResource.put("variables", "comment");
      byResource.put("localVariables", "comment");
      StringBuilder filled = new StringBuilder();
      Matcher matcher = PARAMETER.matcher(template);
      int end = 0;
      while (matcher.find()) {
        filled.append(template, end, matcher.start());
        String resource = matcher.group(1);
        filled
            .append('/')
            .append(resource)
            .append('/')
            .append(byResource.getOrDefault(resource, "walk-unknown-id"));
        end = matcher.end();
      }
      filled.append(template.substring(end));
      return filled.toString().replaceAll("\\{[^}]+}", "walk-unknown-id");
    }
  }
}
