package io.pilotlaunch.authentication;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The login a person made in Tasklist, Cockpit or Admin, as the Camunda webapps keep it in the HTTP
 * session ({@link AuthenticationUtil#getAuthsFromSession}). Our pages accept it besides HTTP Basic,
 * so a person who follows a link from a Tasklist form is not asked to log in again; so do the reads
 * of the pilots' API that the pages link to (summary, Markdown). Nothing that writes accepts it: a
 * cookie is sent with requests another site starts. The pages' writes, logging out and changing the
 * roadmap, carry a token of the session ({@link #isFormOfSession}).
 */
public final class WebappLogin {

  /** The pages: {@code /pilots}, {@code /roadmap} and everything under them. */
  static final List<String> PAGES = List.of("/pilots", "/roadmap");

  /** The API whose reads the pages link to. */
  private static final List<String> READ_APIS = List.of("/api/pilots", "/api/roadmap");

  /** Where a browser without a login is sent: Tasklist's login, which every team may use. */
  public static final String LOGIN_PAGE = "/camunda/app/tasklist/default/";

  /** Set on a request that came with the webapps' login: its caller may log out. */
  public static final String WITH_WEBAPP_LOGIN = WebappLogin.class.getName();

  private static final String LOGOUT_TOKEN = WebappLogin.class.getName() + ".logoutToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String engineName;
  private final Long cacheTimeToLive;

  /**
   * @param cacheTimeToLive as the webapps have it: after this many milliseconds the user's groups
   *     and tenants are read again; null never
   */
  WebappLogin(String engineName, Long cacheTimeToLive) {
    this.engineName = engineName;
    this.cacheTimeToLive = cacheTimeToLive;
  }

  static boolean isPage(String servedPath) {
    return PAGES.stream().anyMatch(page -> isUnder(page, servedPath));
  }

  /**
   * Where the webapps' login counts: the pages, and the pilots' and roadmap's API where it reads.
   */
  static boolean counts(String method, String servedPath) {
    return isPage(servedPath)
        || ((method.equals("GET") || method.equals("HEAD"))
            && READ_APIS.stream().anyMatch(api -> isUnder(api, servedPath)));
  }

  private static boolean isUnder(String root, String servedPath) {
    return servedPath.equals(root) || servedPath.startsWith(root + "/");
  }

  /**
   * The caller the webapps logged in on this session, with groups and tenants refreshed as the
   * webapps refresh them (a user removed from a team loses the pages as it loses Cockpit); empty
   * without a session or a login.
   */
  Optional<Authentication> find(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (cacheTimeToLive != null) {
      AuthenticationUtil.updateCache(authentications, session, cacheTimeToLive);
      AuthenticationUtil.updateSession(session, authentications);
    }
    return Optional.ofNullable(authentications.getAuthenticationForProcessEngine(engineName))
        .filter(UserAuthentication.class::isInstance)
        .map(UserAuthentication.class::cast)
        .map(
            login ->
                new Authentication(
                    login.getIdentityId(), login.getGroupIds(), login.getTenantIds()));
  }

  /** The token a form of this session (log out, change the roadmap) must send back. */
  public static String logoutToken(HttpSession session) {
    Object token = session.getAttribute(LOGOUT_TOKEN);
    if (token == null) {
      byte[] random = new byte[24];
      RANDOM.nextBytes(random);
      token = HexFormat.of().formatHex(random);
      session.setAttribute(LOGOUT_TOKEN, token);
    }
    return token.toString();
  }

  /**
   * Ends the session, and with it the login in all three webapps, if the token is this session's; a
   * form posted from elsewhere does not know it.
   *
   * @return whether the session was ended
   */
  public static boolean logOut(HttpServletRequest request, String token) {
    if (!isFormOfSession(request, token)) {
      return false;
    }
    request.getSession(false).invalidate();
    return true;
  }

  /**
   * Whether a form was sent from a page of this session: it carries the session's token ({@link
   * #logoutToken}), which a form posted from another site does not know.
   */
  public static boolean isFormOfSession(HttpServletRequest request, String token) {
    HttpSession session = request.getSession(false);
    if (session == null || token == null) {
      return false;
    }
    Object expected = session.getAttribute(LOGOUT_TOKEN);
    return expected != null
        && MessageDigest.isEqual(
            expected.toString().getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8));
  }
}
