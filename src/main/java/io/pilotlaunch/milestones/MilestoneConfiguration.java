package io.pilotlaunch.milestones;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
class MilestoneConfiguration {

  /** Read once at startup: a registration that does not read stops the application. */
  @Bean
  MilestoneDefinitions milestoneDefinitions(ResourceLoader resourceLoader) {
    return MilestoneDefinitions.fromClassPath(resourceLoader.getClassLoader());
  }
}
