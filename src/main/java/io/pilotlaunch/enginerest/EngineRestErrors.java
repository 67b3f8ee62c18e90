package io.pilotlaunch.enginerest;

import io.pilotlaunch.engineguards.InputRefused;
import io.pilotlaunch.resilience.DatabaseTrouble;
import io.pilotlaunch.resilience.Failures;
import io.pilotlaunch.web.ApiException.FieldError;
import io.pilotlaunch.web.CallerRules;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.glassfish.jersey.server.ParamException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * What /engine-rest answers where Camunda's REST resources say "500 Internal Server Error" though
 * the server is fine:
 *
 * <ul>
 *   <li>refused input (a form field, a bad request inside a start): 400, Camunda's error body, and
 *       for refused form fields also {@code errors}: each field's key and what is wrong with it;
 *   <li>a task that someone else completed, claimed or changed a moment earlier (two clicks on one
 *       task): 409 naming the task;
 *   <li>the database out of reach, or this node's connections all in use: 503 with Retry-After and
 *       which of the two it is.
 * </ul>
 *
 * The 409 and 503 are problem documents that also carry Camunda's {@code message}, so both kinds of
 * client show the reason. Everything else is answered as Camunda answers it.
 */
public final class EngineRestErrors {

  private static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

  private final HistoryService history;
  private final IdentityService identity;
  private final CallerRules caller;

  EngineRestErrors(HistoryService history, IdentityService identity, CallerRules caller) {
    this.history = history;
    this.identity = identity;
    this.caller = caller;
  }

  Response toResponse(Throwable exception, UriInfo request) {
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    Optional<DatabaseTrouble> trouble = Failures.databaseTrouble(exception);
    if (trouble.isPresent()) {
      return problem(Response.Status.SERVICE_UNAVAILABLE, trouble.get().detail())
          .header("Retry-After", trouble.get().retryAfterSeconds())
          .build();
    }
    Response race = taskRace(exception, taskId(request));
    if (race != null) {
      return race;
    }
    if (exception instanceof RestException conflict
        && conflict.getStatus() == Response.Status.CONFLICT) {
      return problem(Response.Status.CONFLICT, conflict.getMessage()).build();
    }
    Throwable refusal = refusalInside(exception);
    if (refusal != null) {
      return camunda.getResponse(refusal);
    }
    String wrong = whatTheRequestGotWrong(exception);
    if (wrong != null) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(camunda.fromException(new BadUserRequestException(wrong)))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }
    if (exception instanceof RestException rest
        && rest.getCause() instanceof FormFieldValidationException refused) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(withFieldErrors(camunda.fromException(exception), refused))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }
    if (exception instanceof RestException rest
        && rest.getStatus() == Response.Status.INTERNAL_SERVER_ERROR
        && rest.getCause() instanceof BadUserRequestException) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(camunda.fromException(exception))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }
    return camunda.getResponse(exception);
  }

  /**
   * Camunda's error body, and the refused fields by key for an integrator's code: {@code errors},
   * as in the problem documents of /api. The message names them by label, for people.
   */
  private static Map<String, Object> withFieldErrors(
      ExceptionDto camunda, FormFieldValidationException refused) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", camunda.getType());
    body.put("message", camunda.getMessage());
    body.put("code", camunda.getCode());
    if (refused.getDetail() instanceof List<?> problems) {
      body.put(
          "errors",
          problems.stream()
              .filter(FieldError.class::isInstance)
              .map(FieldError.class::cast)
              .map(error -> Map.of("field", error.field(), "message", error.message()))
              .toList());
    }
    return body;
  }

  /**
   * The answer to a request that lost a race on its task, or null when it did not: another request
   * changed the task in the same instant (optimistic locking) or claimed it first, or completed it,
   * so that the task is gone or its grant with it (409). A task that never existed, or that the
   * caller could never work, is not found (404), never a 500.
   */
  private Response taskRace(Throwable exception, String taskId) {
    if (taskId == null) {
      return null;
    }
    if (Failures.isConcurrentChange(exception)) {
      return problem(
              Response.Status.CONFLICT,
              "Task " + taskId + " was changed by another request at the same moment; reload it")
          .build();
    }
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof TaskAlreadyClaimedException claimed) {
        return problem(Response.Status.CONFLICT, claimed.getMessage() + " Reload the task list.")
            .build();
      }
      if (cause instanceof NullValueException || cause instanceof AuthorizationException) {
        Authentication current = identity.getCurrentAuthentication();
        // the caller may not read history; whether a task it could work has ended is its business
        HistoricTaskInstance ended = caller.asSystem(() -> endedTaskOf(current, taskId));
        if (ended != null) {
          return problem(
                  Response.Status.CONFLICT,
                  "Task "
                      + taskId
                      + " ('"
                      + ended.getName()
                      + "') was completed at "
                      + ended.getEndTime().toInstant()
                      + (ended.getAssignee() == null ? "" : " by " + ended.getAssignee())
                      + "; reload the task list")
              .build();
        }
        if (cause instanceof NullValueException) {
          return problem(Response.Status.NOT_FOUND, "Task " + taskId + " does not exist").build();
        }
      }
    }
    return null;
  }

  /** The task, if it has ended and this caller was its assignee or among its candidates. */
  private HistoricTaskInstance endedTaskOf(Authentication current, String taskId) {
    HistoricTaskInstance ended =
        history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
    if (ended == null || current == null) {
      return null;
    }
    if (current.getUserId().equals(ended.getAssignee())) {
      return ended;
    }
    List<String> groups = current.getGroupIds() == null ? List.of() : current.getGroupIds();
    boolean candidate =
        history.createHistoricIdentityLinkLogQuery().taskId(taskId).list().stream()
            .anyMatch(
                link ->
                    IdentityLinkType.CANDIDATE.equals(link.getType())
                        && (current.getUserId().equals(link.getUserId())
                            || groups.contains(link.getGroupId())));
    return candidate ? ended : null;
  }

  /**
   * A refusal of the guards that a REST resource wrapped into an answer of its own (the comment
   * resource, for one, answers any failure with 400 "Not enough parameters submitted"): the
   * refusal's status and words are the answer.
   */
  private static Throwable refusalInside(Throwable exception) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException || cause instanceof InputRefused) {
        return cause;
      }
    }
    return null;
  }

  private static final Pattern NULL_FIELD =
      Pattern.compile(
          "\"(?:this\\.)?(?:[\\w.]+\\.(?:get|is))?(\\w+?)(?:Dto)?(?:\\(\\))?\" is null");

  /**
   * What a request got wrong, when Camunda's REST layer failed on it with a 500: a value the
   * request did not send (a NullPointerException in a DTO, "groupId is null") or a query parameter
   * it could not read; null when the failure is of another kind.
   */
  private static String whatTheRequestGotWrong(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ParamException parameter) {
        // JAX-RS answers an unreadable query parameter with 404, as if the resource were missing
        return "The parameter '"
            + parameter.getParameterName()
            + "' has a value of the wrong form (a number, a date or JSON, as the REST reference"
            + " says).";
      }
      if (cause instanceof IllegalArgumentException && readingTheRequest(cause)) {
        return "A parameter of the request has a value of the wrong form (orQueries, sorting and"
            + " variables take JSON as the REST reference shows).";
      }
      if (cause instanceof NullValueException) {
        return cause.getMessage().replace(" is null", " is missing") + ".";
      }
      if (cause instanceof NullPointerException && thrownByTheRestLayer(cause)) {
        java.util.regex.Matcher field = NULL_FIELD.matcher(String.valueOf(cause.getMessage()));
        String name =
            field.find()
                ? Character.toLowerCase(field.group(1).charAt(0)) + field.group(1).substring(1)
                : null;
        return name == null
            ? "The request lacks a value this endpoint needs."
            : "The request lacks '" + name + "'.";
      }
    }
    return null;
  }

  /** Camunda's REST layer turning query parameters into a query (by reflection). */
  private static boolean readingTheRequest(Throwable exception) {
    return java.util.Arrays.stream(exception.getStackTrace())
        .anyMatch(frame -> frame.getClassName().startsWith("org.camunda.bpm.engine.rest.dto."));
  }

  private static boolean thrownByTheRestLayer(Throwable exception) {
    StackTraceElement[] trace = exception.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.");
  }

  /** The task a request under /task/{id} is about, or null for any other request. */
  private static String taskId(UriInfo request) {
    if (request == null || !request.getPath().startsWith("task/")) {
      return null;
    }
    return request.getPathParameters().getFirst("id");
  }

  private static Response.ResponseBuilder problem(Response.Status status, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.getStatusCode());
    body.put("detail", detail);
    body.put("message", detail);
    return Response.status(status).type(PROBLEM).entity(body);
  }

  /**
   * Jersey picks a mapper by the exception type its class declares, so each type needs a class;
   * they share the mapping.
   */
  private abstract static class Mapper {
    private final EngineRestErrors errors;
    @Context private UriInfo request;

    Mapper(EngineRestErrors errors) {
      this.errors = errors;
    }

    Response map(Throwable exception) {
      return errors.toResponse(exception, request);
    }
  }

  @Priority(1) // before Camunda's own mapper of the same type
  static final class RestExceptions extends Mapper implements ExceptionMapper<RestException> {
    RestExceptions(EngineRestErrors errors) {
      super(errors);
    }

    @Override
    public Response toResponse(RestException exception) {
      return map(exception);
    }
  }

  @Priority(1)
  static final class EngineExceptions extends Mapper
      implements ExceptionMapper<ProcessEngineException> {
    EngineExceptions(EngineRestErrors errors) {
      super(errors);
    }

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return map(exception);
    }
  }

  /** Spring's own exceptions (no transaction because no connection) reach Jersey unwrapped. */
  @Priority(1)
  static final class OtherExceptions extends Mapper implements ExceptionMapper<Throwable> {
    OtherExceptions(EngineRestErrors errors) {
      super(errors);
    }

    @Override
    public Response toResponse(Throwable exception) {
      return map(exception);
    }
  }

  /** Registers the mappers with /engine-rest, the Jersey application of Camunda's REST starter. */
  @Component
  static class Registration implements ResourceConfigCustomizer {
    private final EngineRestErrors errors;

    Registration(HistoryService history, IdentityService identity, CallerRules caller) {
      this.errors = new EngineRestErrors(history, identity, caller);
    }

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
      config.register(new RestExceptions(errors), 1);
      config.register(new EngineExceptions(errors), 1);
      config.register(new OtherExceptions(errors), 1);
    }
  }
}
