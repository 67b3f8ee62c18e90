package io.pilotlaunch.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The team's side of write-back in the shared test context: its docs repository, a real bare git
 * repository on disk whose integration branch holds the milestone document and the roadmap index as
 * the team wrote them, and its git host's pull-request API, a real HTTP server that answers as
 * GitHub (/github), GitLab (/gitlab) and Gitea (/gitea) document it: 201 with the new pull
 * request's address, and each host's own "already exists" answer for a second one from the same
 * branch to the same target. Started once per test JVM.
 */
public final class TeamDocsRemote {

  /** A request as it arrived. */
  public record Request(
      String host, String method, String path, Map<String, List<String>> headers, JsonNode body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  public static final String DOCUMENT = "docs/milestones/m6-mvp-pilot-launch.md";
  public static final String INDEX = "docs/milestones/README.md";
  public static final String M7_DOCUMENT = "docs/milestones/m7-post-mvp-enhancements.md";

  /** Milestone 7's integration branch, as its document's Branch and PR Plan names it. */
  public static final String M7_INTEGRATION_BRANCH = "chore/m7-integration";

  /** The roadmap index as the team keeps it: M6 not started yet. */
  public static final String ORIGINAL_INDEX =
      """
      # Roadmap

      | Milestone | Title | Owner | Status | Document |
      | --- | --- | --- | --- | --- |
      | M5 | Production Deployment Readiness | DevOps + SRE | Completed | [m5-production-deployment-readiness.md](m5-production-deployment-readiness.md) |
      | M6 | MVP Pilot Launch | Product Management + TPM | Not Started | [m6-mvp-pilot-launch.md](m6-mvp-pilot-launch.md) |
      | M7 | Post-MVP Enhancements Hook | Product Management + TPM | Not Started | [m7-post-mvp-enhancements-hook.md](m7-post-mvp-enhancements-hook.md) |
      """;

  public static final String TOKEN = "team-docs-token";
  public static final String REPOSITORY = "team/docs";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();
  private static final Deque<Integer> FAILURES = new ArrayDeque<>();
  private static final Set<String> OPEN = new HashSet<>();
  private static Path repository;
  private static HttpServer server;

  private TeamDocsRemote() {}

  /**
   * The shared context's write-back of M6 and M7: to this repository, with the pull requests on
   * GitHub.
   */
  public static synchronized void register(DynamicPropertyRegistry registry) {
    start();
    for (String milestone : List.of("m6", "m7")) {
      String prefix = "pilot.write-back.milestones." + milestone + ".";
      registry.add(prefix + "enabled", () -> "true");
      registry.add(prefix + "repository-url", TeamDocsRemote::repositoryUrl);
      registry.add(prefix + "host", () -> "github");
      registry.add(prefix + "api-url", () -> apiUrl("github"));
      registry.add(prefix + "repository", () -> REPOSITORY);
      registry.add(prefix + "token", () -> TOKEN);
    }
  }

  public static synchronized String repositoryUrl() {
    start();
    return repository.toUri().toString();
  }

  public static Path repositoryPath() {
    start();
    return repository;
  }

  /** Where the API of that host (github, gitlab, gitea) answers. */
  public static synchronized String apiUrl(String host) {
    start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + host;
  }

  public static List<Request> requests() {
    return List.copyOf(REQUESTS);
  }

  /** The next pull requests fail with these statuses, one each, before the host answers again. */
  public static synchronized void failNext(Integer... statuses) {
    FAILURES.addAll(List.of(statuses));
  }

  /** The pull requests closed and forgotten, the requests too: a new one opens with 201 again. */
  public static synchronized void forgetPullRequests() {
    OPEN.clear();
    REQUESTS.clear();
    FAILURES.clear();
  }

  private static synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      repository = Files.createTempDirectory("team-docs-").resolve("docs.git");
      seed(repository);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      for (String host : List.of("github", "gitlab", "gitea")) {
        server.createContext("/" + host + "/", exchange -> answer(host, exchange));
      }
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("The team's docs remote did not start", e);
    }
  }

  /**
   * A bare repository whose integration branch holds the document and the index as written. Its
   * HEAD names main, which nobody pushes: write-back must not need the remote's HEAD (a clone
   * does).
   */
  private static void seed(Path bare) throws Exception {
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Path work = Files.createTempDirectory("team-docs-work-");
    try (Git git =
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
      Files.createDirectories(work.resolve("docs/milestones"));
      Files.copy(Path.of(DOCUMENT), work.resolve(DOCUMENT));
      Files.writeString(work.resolve(INDEX), ORIGINAL_INDEX, StandardCharsets.UTF_8);
      git.add().addFilepattern("docs").call();
      PersonIdent team = new PersonIdent("Docs Team", "docs@team.test");
      git.commit().setAuthor(team).setCommitter(team).setMessage("Milestone 6 planned").call();
      git.checkout().setCreateBranch(true).setName(MvpPilotLaunchProcess.INTEGRATION_BRANCH).call();
      git.branchCreate().setName(M7_INTEGRATION_BRANCH).call();
      git.push().setRemote("origin").setPushAll().call();
    }
  }

  private static void answer(String host, HttpExchange exchange) throws IOException {
    String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode body = text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
    REQUESTS.add(
        new Request(
            host,
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath().substring(host.length() + 1),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Integer failure;
    boolean exists;
    synchronized (TeamDocsRemote.class) {
      failure = FAILURES.poll();
      String head = body.path(host.equals("gitlab") ? "source_branch" : "head").asText();
      String base = body.path(host.equals("gitlab") ? "target_branch" : "base").asText();
      exists = failure == null && !OPEN.add(host + " " + head + " " + base);
    }
    if (failure != null) {
      send(exchange, failure, "{\"message\": \"Internal Server Error\"}");
    } else if (exists) {
      switch (host) {
        case "github" ->
            send(
                exchange,
                422,
                """
                {"message": "Validation Failed", "errors": [{"resource": "PullRequest",
                 "code": "custom", "message": "A pull request already exists for team:docs."}],
                 "documentation_url": "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                 "status": "422"}""");
        case "gitlab" ->
            send(
                exchange,
                409,
                "{\"message\": [\"Another open merge request already exists for this source branch: !1\"]}");
        default ->
            send(
                exchange,
                409,
                "{\"message\": \"pull request already exists for these targets [id: 1, issue_id: 1,"
                    + " head_repo_id: 1, base_repo_id: 1, head_branch: x, base_branch: y]\"}");
      }
    } else {
      String address = "https://" + host + ".team.test/" + REPOSITORY + "/pulls/1";
      send(
          exchange,
          201,
          host.equals("gitlab")
              ? "{\"iid\": 1, \"web_url\": \"" + address + "\"}"
              : "{\"number\": 1, \"html_url\": \"" + address + "\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
