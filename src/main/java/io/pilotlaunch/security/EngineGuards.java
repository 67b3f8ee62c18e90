package io.pilotlaunch.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Puts the guards into the engine, where every entry point passes: /engine-rest, the webapps' API
 * and Java calls alike. See SECURITY.md for what each one closes.
 */
@Component
class EngineGuards extends AbstractProcessEnginePlugin {

  private final LoginThrottle loginThrottle;
  private final LoginCache loginCache;

  EngineGuards(LoginThrottle loginThrottle, LoginCache loginCache) {
    this.loginThrottle = loginThrottle;
    this.loginCache = loginCache;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    interceptors.add(new QueryExpressionGuard());
    interceptors.add(new TaskInputGuard(configuration));
    interceptors.add(loginCache.forgetOnIdentityChanges());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    configuration.setManagementService(new GuardedManagementService(configuration));
    configuration.setIdentityProviderSessionFactory(
        new ThrottledIdentityProvider.Factory(loginThrottle));
  }
}
