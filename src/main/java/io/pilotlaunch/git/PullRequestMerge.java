package io.pilotlaunch.git;

import java.time.Instant;

/**
 * A merged pull request, whichever git host told it: which repository (as the host names it), which
 * pull request, which branch into which, when, and where to read it.
 */
record PullRequestMerge(
    String repository,
    int number,
    String sourceBranch,
    String targetBranch,
    Instant mergedAt,
    String url) {}
