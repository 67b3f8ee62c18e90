package io.pilotlaunch.engineguards;

import java.lang.reflect.Field;

/**
 * Reads the arguments of Camunda's command objects, which keep them in protected fields with no
 * getter, and replaces one where a guard takes input out. The guards need them to judge a command
 * before it runs. {@code EngineInternalsTest} reads every field named here, so a Camunda upgrade
 * that renames one fails the build, not the guard.
 */
final class EngineInternals {

  private EngineInternals() {}

  /** Replaces an argument of a command before it runs. */
  static void set(Object target, String name, Object value) {
    for (Class<?> owner = target.getClass(); owner != null; owner = owner.getSuperclass()) {
      try {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
        return;
      } catch (NoSuchFieldException notHere) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot write " + owner.getName() + "." + name, e);
      }
    }
    throw new IllegalStateException(
        target.getClass().getName()
            + " has no field '"
            + name
            + "': this Camunda version differs from the one the guards were written for");
  }

  static <T> T field(Object target, String name, Class<T> type) {
    for (Class<?> owner = target.getClass(); owner != null; owner = owner.getSuperclass()) {
      try {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return type.cast(field.get(target));
      } catch (NoSuchFieldException notHere) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read " + owner.getName() + "." + name, e);
      }
    }
    throw new IllegalStateException(
        target.getClass().getName()
            + " has no field '"
            + name
            + "': this Camunda version differs from the one the guards were written for");
  }
}
