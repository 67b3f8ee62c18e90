package io.pilotlaunch.writeback;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;

/**
 * The team's docs repository, reached with JGit: fetches the milestone's branch (or, before it
 * exists, its target), edits files, commits and pushes. Each write-back works in a fresh fetch of
 * those two branches alone, deleted afterwards: no state on this node to go stale, and a node that
 * takes over a run after another failed starts from what the repository says.
 */
final class DocsRepository {

  /** What the push left on the branch: its head, and whether this write-back made it. */
  record Pushed(String commitId, boolean committed) {}

  private final Duration timeout;

  DocsRepository(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Applies the edits (path in the repository → new content from the old one, null when the file is
   * missing) on the branch and pushes them as one commit. Content the branch has already makes no
   * commit: the same write-back twice leaves one commit.
   */
  Pushed commit(
      WriteBackSettings.Resolved target,
      Map<String, UnaryOperator<String>> edits,
      PersonIdent author,
      String message)
      throws IOException, GitAPIException, URISyntaxException {
    Path work = Files.createTempDirectory("pilot-write-back-");
    try (Git git = Git.init().setDirectory(work.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(target.repositoryUrl())).call();
      // only the two branches, and only those that exist: a fetch of a missing one fails
      Set<String> wanted = Set.of(heads(target.branch()), heads(target.target()));
      List<RefSpec> existing =
          git
              .lsRemote()
              .setRemote("origin")
              .setHeads(true)
              .setCredentialsProvider(credentials(target))
              .setTimeout(seconds())
              .call()
              .stream()
              .map(Ref::getName)
              .filter(wanted::contains)
              .map(name -> new RefSpec("+" + name + ":" + remote(name)))
              .toList();
      if (existing.isEmpty()) {
        throw new IllegalStateException(
            "Neither the branch "
                + target.branch()
                + " nor its target "
                + target.target()
                + " exists in "
                + target.repositoryUrl());
      }
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(existing)
          .setCredentialsProvider(credentials(target))
          .setTimeout(seconds())
          .call();
      Ref branch = git.getRepository().findRef(remote(heads(target.branch())));
      Ref base = git.getRepository().findRef(remote(heads(target.target())));
      git.checkout()
          .setCreateBranch(true)
          .setName(target.branch())
          .setStartPoint((branch != null ? branch : base).getName())
          .call();
      for (Map.Entry<String, UnaryOperator<String>> edit : edits.entrySet()) {
        Path file = work.resolve(edit.getKey()).normalize();
        if (!file.startsWith(work)) {
          throw new IllegalArgumentException(
              edit.getKey() + " is not a path inside the repository");
        }
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        String after = edit.getValue().apply(before);
        if (!after.equals(before)) {
          Files.createDirectories(file.getParent());
          Files.writeString(file, after, StandardCharsets.UTF_8);
        }
        git.add().addFilepattern(edit.getKey()).call();
      }
      if (git.status().call().isClean()) {
        if (branch != null) {
          return new Pushed(branch.getObjectId().name(), false);
        }
        // the target already says it all: the branch is pushed as it is, for the pull request
        push(git, target);
        return new Pushed(base.getObjectId().name(), false);
      }
      RevCommit commit =
          git.commit().setAuthor(author).setCommitter(author).setMessage(message).call();
      push(git, target);
      return new Pushed(commit.getName(), true);
    } finally {
      FileUtils.delete(
          work.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.IGNORE_ERRORS);
    }
  }

  /**
   * Pushes the branch. A push the repository refuses fails: most likely another push reached the
   * branch first, and the next attempt starts from it.
   */
  private void push(Git git, WriteBackSettings.Resolved target) throws GitAPIException {
    String ref = heads(target.branch());
    List<String> refused = new ArrayList<>();
    for (PushResult result :
        git.push()
            .setRemote("origin")
            .setRefSpecs(new RefSpec(ref + ":" + ref))
            .setCredentialsProvider(credentials(target))
            .setTimeout(seconds())
            .call()) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK
            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          refused.add(
              update.getRemoteName()
                  + " "
                  + update.getStatus()
                  + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
        }
      }
    }
    if (!refused.isEmpty()) {
      throw new IllegalStateException(
          "The push to " + target.repositoryUrl() + " was refused: " + String.join(", ", refused));
    }
  }

  private int seconds() {
    return (int) Math.max(1, timeout.toSeconds());
  }

  /** The token over HTTP(S); a file:// or SSH repository needs none from us. */
  private static CredentialsProvider credentials(WriteBackSettings.Resolved target) {
    return target.token() == null
        ? null
        : new UsernamePasswordCredentialsProvider(target.gitUsername(), target.token());
  }

  /** Where a fetched branch of origin is kept. */
  private static String remote(String ref) {
    return "refs/remotes/origin/" + ref.substring("refs/heads/".length());
  }

  private static String heads(String branch) {
    return "refs/heads/" + branch;
  }
}
