package io.pilotlaunch.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine configuration's lists of custom parts (parse listeners, command interceptors, incident
 * handlers) are null until a plugin sets one, and each plugin must keep what others set before it.
 */
public final class ConfigurationLists {

  private ConfigurationLists() {}

  /** A new list: what the configuration held (if anything), then these, in order. */
  @SafeVarargs
  public static <T> List<T> withAdded(List<? extends T> held, T... added) {
    List<T> parts = held == null ? new ArrayList<>() : new ArrayList<>(held);
    parts.addAll(Arrays.asList(added));
    return parts;
  }
}
