package io.pilotlaunch.startupguard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the start-up guard; what it refuses is {@link AdminPasswordGuard}'s to say. */
@Configuration
class StartupGuardConfiguration {

  /** Static: a bean factory post-processor must exist before this configuration's own bean. */
  @Bean
  static AdminPasswordGuard adminPasswordGuard() {
    return new AdminPasswordGuard();
  }
}
