package io.pilotlaunch.engineguards;

import java.util.Map;

/**
 * The choices of a form field that takes them from a form variable ({@code valuesKey} in the form's
 * schema) which the app computes from its configuration when the form is read, never stored: the
 * configured severities of the triage form, for one. Tasklist shows the variable's choices; the
 * task input guard accepts an answer only from the same ones.
 */
public interface FormOptions {

  /** The form variable that a field's {@code valuesKey} names. */
  String valuesKey();

  /** Each choice's value and its label, in the order offered. */
  Map<String, String> choices();
}
