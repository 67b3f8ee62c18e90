package io.pilotlaunch.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Everything in processes/ and forms/ is deployed on start, forms included. */
class DeploymentIT extends PostgresIntegrationTest {

  @Autowired RepositoryService repositoryService;

  @Test
  void everyModelAndFormOfTheRepositoryIsDeployed() throws IOException {
    List<String> files = Stream.concat(filesIn("processes"), filesIn("forms")).toList();
    assertThat(files)
        .anyMatch(name -> name.endsWith(".bpmn"))
        .anyMatch(name -> name.endsWith(".form"));

    List<String> deployed =
        repositoryService.createDeploymentQuery().list().stream()
            .map(Deployment::getId)
            .flatMap(id -> repositoryService.getDeploymentResources(id).stream())
            .map(Resource::getName)
            .map(name -> Path.of(name).getFileName().toString())
            .toList();

    assertThat(deployed).containsAll(files);
  }

  @Test
  void everyProcessFileIsAnExecutableProcessDefinition() throws IOException {
    List<String> bpmnFiles = filesIn("processes").filter(name -> name.endsWith(".bpmn")).toList();
    for (String file : bpmnFiles) {
      // Files are named after their process id.
      String key = file.substring(0, file.length() - ".bpmn".length());
      assertThat(
              repositoryService
                  .createProcessDefinitionQuery()
                  .processDefinitionKey(key)
                  .latestVersion()
                  .count())
          .as(key)
          .isOne();
    }
  }

  private static Stream<String> filesIn(String directory) throws IOException {
    try (Stream<Path> paths = Files.list(Path.of(directory))) {
      return paths
          .filter(Files::isRegularFile)
          .map(path -> path.getFileName().toString())
          .filter(name -> name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form"))
          .toList()
          .stream();
    }
  }
}
