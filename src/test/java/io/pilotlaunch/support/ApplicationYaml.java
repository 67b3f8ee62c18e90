package io.pilotlaunch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** Configuration as the app reads it from application.yaml, for tests without Spring. */
public final class ApplicationYaml {

  private ApplicationYaml() {}

  /** The properties under {@code prefix}, bound as the app binds them. */
  public static <T> T bind(String prefix, Class<T> type) {
    try {
      var sources =
          new YamlPropertySourceLoader()
              .load("application.yaml", new ClassPathResource("application.yaml"));
      return new Binder(ConfigurationPropertySources.from(sources)).bind(prefix, type).get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
