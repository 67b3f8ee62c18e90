package io.pilotlaunch.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST resources wrap many engine errors in a "500 Internal Server Error", among them
 * refused input on starting a process. Bad input is the caller's error: 400, with Camunda's own
 * error body. Everything else is answered as Camunda answers it.
 */
@Priority(1) // before Camunda's own RestExceptionHandler for the same type
public final class EngineRestErrors implements ExceptionMapper<RestException> {

  @Override
  public Response toResponse(RestException exception) {
    ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
    Throwable cause = exception.getCause();
    if (exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR
        && (cause instanceof FormFieldValidationException
            || cause instanceof BadUserRequestException)) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(camunda.fromException(exception))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }
    return camunda.getResponse(exception);
  }

  /** Registers the mapper with /engine-rest, the Jersey application of Camunda's REST starter. */
  @Component
  static class Registration implements ResourceConfigCustomizer {
    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
      config.register(EngineRestErrors.class, 1);
    }
  }
}
