package io.pilotlaunch.engineguards;

import org.camunda.bpm.engine.TaskAlreadyClaimedException;

/**
 * A claim of a task that someone holds already, the claimer included: a second click on "Claim" is
 * told that the task is theirs. A {@link TaskAlreadyClaimedException}, so the engine logs it as the
 * expected refusal it is, and /engine-rest answers 409 ({@code EngineRestErrors}).
 */
public class TaskAlreadyAssigned extends TaskAlreadyClaimedException {

  private final String message;

  TaskAlreadyAssigned(String taskId, String assignee, String message) {
    super(taskId, assignee);
    this.message = message;
  }

  /** The engine's own message says "by someone else", also to the one who holds the task. */
  @Override
  public String getMessage() {
    return message;
  }
}
