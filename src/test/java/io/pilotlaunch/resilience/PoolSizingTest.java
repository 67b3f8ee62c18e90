package io.pilotlaunch.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The defaults in application.yaml keep the pool formula of README, "Pool sizing". */
class PoolSizingTest {

  @Test
  void thePoolHasAConnectionForEveryThreadThatMayHoldOne() throws Exception {
    List<PropertySource<?>> yaml =
        new YamlPropertySourceLoader()
            .load("application.yaml", new ClassPathResource("application.yaml"));
    Binder defaults =
        new Binder(
            ConfigurationPropertySources.from(yaml), new PropertySourcesPlaceholdersResolver(yaml));
    int requestThreads = defaults.bind("server.tomcat.threads.max", Integer.class).get();
    int jobThreads = defaults.bind("camunda.bpm.job-execution.max-pool-size", Integer.class).get();
    int pool = defaults.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).get();

    assertThat(pool).isEqualTo(requestThreads + jobThreads + 2);
    assertThat(3 * (pool + 1))
        .as("three nodes' connections, each with its health check's, under PostgreSQL's 100 - 3")
        .isLessThanOrEqualTo(97);
  }
}
