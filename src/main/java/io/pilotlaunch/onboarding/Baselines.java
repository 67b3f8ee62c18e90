package io.pilotlaunch.onboarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * The versioned baseline files ({@code baseline/pilot-baseline-v<N>.yaml}), flattened to dotted
 * keys ({@code quotas.max-users}). The current baseline is the newest file, or the version {@code
 * pilot.baseline.version} pins.
 */
@Component
public class Baselines {

  public record Baseline(int version, SortedMap<String, String> settings) {}

  private final Map<Integer, Baseline> byVersion = new TreeMap<>();
  private final Baseline current;

  public Baselines(@Value("${pilot.baseline.version:0}") int pinnedVersion) {
    for (Baseline baseline : loadAll()) {
      byVersion.put(baseline.version(), baseline);
    }
    if (byVersion.isEmpty()) {
      throw new IllegalStateException(
          "No baseline file baseline/pilot-baseline-v*.yaml on the classpath");
    }
    current =
        pinnedVersion > 0
            ? version(pinnedVersion)
            : byVersion.values().stream()
                .max(Comparator.comparingInt(Baseline::version))
                .orElseThrow();
  }

  public Baseline current() {
    return current;
  }

  public Baseline version(int version) {
    Baseline baseline = byVersion.get(version);
    if (baseline == null) {
      throw new IllegalArgumentException(
          "No baseline version " + version + "; known: " + byVersion.keySet());
    }
    return baseline;
  }

  private static List<Baseline> loadAll() {
    try {
      Resource[] files =
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:baseline/pilot-baseline-v*.yaml");
      return java.util.Arrays.stream(files).map(Baselines::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Baseline load(Resource file) {
    try (InputStream in = file.getInputStream()) {
      Map<String, Object> document = new Yaml().load(in);
      Object version = document.remove("version");
      if (!(version instanceof Integer number)) {
        throw new IllegalStateException(file.getFilename() + " has no integer 'version'");
      }
      SortedMap<String, String> settings = new TreeMap<>();
      flatten("", document, settings);
      return new Baseline(number, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
    for (Map.Entry<?, ?> entry : new LinkedHashMap<>(map).entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> nested) {
        flatten(key + ".", nested, into);
      } else {
        into.put(key, String.valueOf(entry.getValue()));
      }
    }
  }
}
