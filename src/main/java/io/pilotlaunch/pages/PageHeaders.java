package io.pilotlaunch.pages;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What the browser may do with the pages, on every answer under {@code /pilots} and {@code
 * /roadmap} (errors and redirects included): no script and no other inline style than the pages'
 * own, no framing, forms only to this server, no address of a page sent to the sites its evidence
 * links lead to, nothing kept in the browser's cache after logging out.
 */
@Configuration
class PageHeaders {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src "
          + Html.STYLE_SOURCE
          + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Bean
  FilterRegistrationBean<Filter> pageSecurityHeaders() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) -> {
              HttpServletResponse http = (HttpServletResponse) response;
              http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
              http.setHeader("X-Frame-Options", "DENY");
              http.setHeader("Referrer-Policy", "same-origin");
              http.setHeader("Cache-Control", "no-store");
              chain.doFilter(request, response);
            });
    registration.setName("page-security-headers");
    registration.addUrlPatterns("/pilots", "/pilots/*", "/roadmap", "/roadmap/*");
    // before the login filter, so its redirects and refusals carry them too
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
    return registration;
  }
}
