package io.pilotlaunch.pages;

import io.pilotlaunch.authentication.Browsers;
import io.pilotlaunch.authentication.WebappLogin;
import io.pilotlaunch.pages.PageModel.Account;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shows besides its own content (the style, who is signed in and their way out),
 * and how the pages refuse: a person's browser gets a page that says what is wrong, a script the
 * problem document.
 */
@ControllerAdvice(assignableTypes = {PilotPages.class, RoadmapPage.class})
// before the API's own handler (web.ApiExceptionHandler), which answers every refusal as JSON
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageFrame {

  private final CallerRules caller;

  PageFrame(CallerRules caller) {
    this.caller = caller;
  }

  void addTo(Map<String, Object> model, HttpServletRequest request) {
    model.put("style", Html.STYLE);
    model.put("account", account(request));
  }

  /** Who is signed in, and a way out for a webapps' login (a Basic login ends with the browser). */
  Account account(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    boolean webappLogin =
        request.getAttribute(WebappLogin.WITH_WEBAPP_LOGIN) != null && session != null;
    return new Account(caller.userId(), webappLogin ? WebappLogin.logoutToken(session) : null);
  }

  @ExceptionHandler(ApiException.class)
  Object refused(ApiException refusal, HttpServletRequest request) {
    if (Browsers.askForHtml(request)) {
      ModelAndView page = new ModelAndView("pilots/refused", refusal.status());
      page.addObject("title", refusal.status().getReasonPhrase());
      page.addObject("message", refusal.getMessage());
      addTo(page.getModelMap(), request);
      return page;
    }
    return ResponseEntity.status(refusal.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage()));
  }
}
