package io.pilotlaunch.milestones;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The milestones the product runs: one registration per milestone, a {@code
 * milestones/*.properties} resource anywhere on the class path that names its {@code document} and
 * its {@code model}. A milestone is added by its document, its BPMN and that one file; no Java
 * changes.
 */
public final class MilestoneDefinitions {

  /** Where registrations are found, in every jar and directory of the class path. */
  public static final String REGISTRATIONS = "classpath*:milestones/*.properties";

  private final List<MilestoneDefinition> all;

  public MilestoneDefinitions(List<MilestoneDefinition> definitions) {
    this.all =
        definitions.stream().sorted(Comparator.comparingInt(MilestoneDefinition::number)).toList();
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (MilestoneDefinition definition : all) {
      if (!ids.add(definition.id()) || !keys.add(definition.processKey())) {
        throw new IllegalStateException(
            "Milestone "
                + definition.id()
                + " (process "
                + definition.processKey()
                + ") is registered twice");
      }
    }
  }

  /** Every registration the class loader sees, read; fails on the first that does not read. */
  public static MilestoneDefinitions fromClassPath(ClassLoader classLoader) {
    List<MilestoneDefinition> definitions = new ArrayList<>();
    try {
      for (Resource registration :
          new PathMatchingResourcePatternResolver(classLoader).getResources(REGISTRATIONS)) {
        Properties properties = new Properties();
        try (InputStream in = registration.getInputStream()) {
          properties.load(in);
        }
        definitions.add(
            MilestoneReader.read(
                classLoader,
                required(registration, properties, "document"),
                required(registration, properties, "model")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MilestoneDefinitions(definitions);
  }

  private static String required(Resource registration, Properties properties, String name) {
    String value = properties.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "Milestone registration " + registration.getDescription() + " names no " + name);
    }
    return value.strip();
  }

  /** All, by number. */
  public List<MilestoneDefinition> all() {
    return all;
  }

  public Optional<MilestoneDefinition> byId(String id) {
    return all.stream().filter(definition -> definition.id().equals(id)).findFirst();
  }

  public Optional<MilestoneDefinition> byProcessKey(String processKey) {
    return all.stream()
        .filter(definition -> definition.processKey().equals(processKey))
        .findFirst();
  }

  /** The milestone a pilot run runs (pilot.pilot_run holds runs of this one milestone). */
  public MilestoneDefinition ofPilots() {
    return byProcessKey(MvpPilotLaunchProcess.PROCESS_ID)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No milestone registered for process " + MvpPilotLaunchProcess.PROCESS_ID));
  }

  /** The one that must be registered, by id: a missing one is a packaging error. */
  public MilestoneDefinition get(String id) {
    return byId(id)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Milestone " + id + " is not registered (" + REGISTRATIONS + ")"));
  }
}
