package io.pilotlaunch.engineguards;

import io.pilotlaunch.enginerest.EngineRestErrors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input the engine refuses before it changes anything: too long, too large, of a kind that is not
 * accepted. A 400 with this message, wherever Camunda's REST resources wrap it ({@link
 * EngineRestErrors}).
 */
public class InputRefused extends BadUserRequestException {
  public InputRefused(String message) {
    super(message);
  }
}
