package io.pilotlaunch.authentication;

import io.pilotlaunch.web.ProblemResponses;
import io.pilotlaunch.web.RequestBodyLimit;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.property.AuthenticationProperties.CacheProperties;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/**
 * Who may call what over HTTP. Webapps log in with their own session; everything else needs HTTP
 * Basic against the Camunda users, except the status of {@code /actuator/health} (load balancers),
 * Camunda's {@code /engine-rest/engine} (the list of engine names) and the signed git webhook. What
 * the engine executes is guarded inside the engine ({@code engineguards.EngineGuards}).
 */
@Configuration
class SecurityConfiguration {

  @Bean
  FilterRegistrationBean<HttpBasicAuthenticationFilter> apiAuthentication(
      ProcessEngine engine, LoginCache logins, CamundaBpmProperties camunda) {
    CacheProperties webappLoginCache = camunda.getWebapp().getAuth().getCache();
    WebappLogin webappLogin =
        new WebappLogin(
            engine.getName(),
            webappLoginCache.isTtlEnabled() ? webappLoginCache.getTimeToLive() : null);
    FilterRegistrationBean<HttpBasicAuthenticationFilter> registration =
        new FilterRegistrationBean<>(
            new HttpBasicAuthenticationFilter(engine.getIdentityService(), logins, webappLogin));
    registration.setName("api-authentication");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Before anything reads a body: none larger than pilot.limits.request-body. */
  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
      @Value("${pilot.limits.request-body}") DataSize limit) {
    FilterRegistrationBean<RequestBodyLimit> registration =
        new FilterRegistrationBean<>(new RequestBodyLimit(limit));
    registration.setName("request-body-limit");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
    return registration;
  }

  /** First of all: the login throttle counts failures per client address. */
  @Bean
  FilterRegistrationBean<ClientAddress> clientAddress() {
    FilterRegistrationBean<ClientAddress> registration =
        new FilterRegistrationBean<>(new ClientAddress());
    registration.setName("client-address");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /** Exports and summaries are served as text; a browser must never sniff them into HTML. */
  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> noSniffing() {
    FilterRegistrationBean<jakarta.servlet.Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) -> {
              ((HttpServletResponse) response).setHeader("X-Content-Type-Options", "nosniff");
              chain.doFilter(request, response);
            });
    registration.setName("no-sniffing");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  /**
   * Camunda's first-run setup creates an administrator whenever {@code camunda-admin} has no direct
   * member, and 7.24 Community has no fix for that. Our admin comes from configuration, so the
   * setup endpoint has nothing to do here.
   */
  @Bean
  FilterRegistrationBean<jakarta.servlet.Filter> adminSetupClosed() {
    FilterRegistrationBean<jakarta.servlet.Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) ->
                ProblemResponses.write(
                    (jakarta.servlet.http.HttpServletRequest) request,
                    (HttpServletResponse) response,
                    HttpStatus.FORBIDDEN,
                    "The admin setup is closed: the administrator is configured with PILOT_ADMIN_USER and PILOT_ADMIN_PASSWORD."));
    registration.setName("admin-setup-closed");
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
