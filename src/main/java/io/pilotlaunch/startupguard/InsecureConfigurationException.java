package io.pilotlaunch.startupguard;

/** A configuration the app will not run with; the message says what to change. */
public class InsecureConfigurationException extends RuntimeException {

  public InsecureConfigurationException(String message) {
    super(message);
  }
}
