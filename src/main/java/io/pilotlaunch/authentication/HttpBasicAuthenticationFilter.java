package io.pilotlaunch.authentication;

import io.pilotlaunch.resilience.DatabaseTrouble;
import io.pilotlaunch.resilience.Failures;
import io.pilotlaunch.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the Camunda users for everything that is neither the webapps (their own
 * session login): /engine-rest, /api, /actuator, the OpenAPI spec and its UI, and whatever is added
 * later. A successful login is remembered for a short while ({@link LoginCache}). The pages ({@code
 * /pilots}, {@code /roadmap}) also accept the webapps' login ({@link WebappLogin}); a browser
 * without either is sent to the webapps' login page instead of a Basic prompt. What may be reached
 * without credentials is listed here and nowhere else. The caller becomes the engine's current
 * authentication for the request, so every engine call made on its behalf is checked against its
 * groups and tenants.
 */
class HttpBasicAuthenticationFilter extends OncePerRequestFilter {

  /**
   * Load balancers ask for health without credentials; its details need them (application.yaml).
   */
  private static final String HEALTH = "/actuator/health";

  private final IdentityService identityService;
  private final LoginCache logins;
  private final WebappLogin webappLogin;

  HttpBasicAuthenticationFilter(
      IdentityService identityService, LoginCache logins, WebappLogin webappLogin) {
    this.identityService = identityService;
    this.logins = logins;
    this.webappLogin = webappLogin;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = servedPath(request);
    return path.equals("/")
        || path.startsWith("/camunda/")
        // the names of the engines, open as Camunda's own filter left it
        || path.equals("/engine-rest/engine")
        // the webapps ask for it; a 401 there would make them show their login again
        || path.equals("/camunda-welcome")
        // git hosts sign their deliveries instead (GitWebhookController checks the signature)
        || path.startsWith("/api/webhooks/")
        // the demo tenants' health URLs, which onboarding verification probes like any tenant's
        || path.startsWith("/demo-tenants/");
  }

  /**
   * The path as the container maps it to a servlet and Spring MVC to a handler: decoded,
   * normalized, without path parameters. Matching the raw URI instead is what ";x=y" slips past.
   */
  private static String servedPath(HttpServletRequest request) {
    String pathInfo = request.getPathInfo();
    return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String path = servedPath(request);
    if (header == null && (path.equals(HEALTH) || path.startsWith(HEALTH + "/"))) {
      chain.doFilter(request, response);
      return;
    }
    if (header == null && WebappLogin.counts(request.getMethod(), path)) {
      Optional<Authentication> login;
      try {
        login = webappLogin.find(request);
      } catch (RuntimeException e) {
        DatabaseTrouble trouble = Failures.databaseTrouble(e).orElseThrow(() -> e);
        ProblemResponses.databaseTrouble(request, response, trouble);
        return;
      }
      if (login.isPresent()) {
        request.setAttribute(WebappLogin.WITH_WEBAPP_LOGIN, true);
        runAs(login.get(), request, response, chain);
        return;
      }
      if (WebappLogin.isPage(path) && Browsers.askForHtml(request)) {
        response.sendRedirect(request.getContextPath() + WebappLogin.LOGIN_PAGE);
        return;
      }
    }
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      ProblemResponses.unauthorized(
          request, response, "Authentication required: HTTP Basic with a Pilot Launch user.");
      return;
    }
    String[] credentials = decode(header.substring(6).trim());
    Authentication caller;
    try {
      caller = credentials == null ? null : authenticate(credentials[0], credentials[1]);
    } catch (RuntimeException e) {
      // the password could not be checked: not the caller's fault, and not a wrong password
      DatabaseTrouble trouble = Failures.databaseTrouble(e).orElseThrow(() -> e);
      ProblemResponses.databaseTrouble(request, response, trouble);
      return;
    }
    if (caller == null) {
      ProblemResponses.unauthorized(request, response, "Wrong user name or password.");
      return;
    }
    runAs(caller, request, response, chain);
  }

  private void runAs(
      Authentication caller,
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain)
      throws ServletException, IOException {
    identityService.setAuthentication(caller);
    try {
      chain.doFilter(new AuthenticatedRequest(request, caller.getUserId()), response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The caller with its groups and tenants, or null when the password is wrong. */
  private Authentication authenticate(String userId, String password) {
    Optional<Authentication> remembered = logins.find(userId, password);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    if (!identityService.checkPassword(userId, password)) {
      return null;
    }
    List<String> groupIds =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .toList();
    List<String> tenantIds =
        identityService
            .createTenantQuery()
            .userMember(userId)
            .includingGroupsOfUser(true)
            .list()
            .stream()
            .map(Tenant::getId)
            .toList();
    Authentication caller = new Authentication(userId, groupIds, tenantIds);
    logins.remember(userId, password, caller);
    return caller;
  }

  /**
   * @return user and password, or null when the header is not valid Basic credentials
   */
  private static String[] decode(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon > 0
          ? new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)}
          : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final String userId;

    AuthenticatedRequest(HttpServletRequest request, String userId) {
      super(request);
      this.userId = userId;
    }

    @Override
    public String getRemoteUser() {
      return userId;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> userId;
    }
  }
}
