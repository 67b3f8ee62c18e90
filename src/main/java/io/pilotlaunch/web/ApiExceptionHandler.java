package io.pilotlaunch.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.pilotlaunch.resilience.DatabaseTrouble;
import io.pilotlaunch.resilience.Failures;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of /api as application/problem+json that says what is wrong; never a stack trace. */
@RestControllerAdvice(basePackages = "io.pilotlaunch")
@Order(Ordered.HIGHEST_PRECEDENCE) // before Boot's generic problem details, whose messages say less
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ProblemDetail api(ApiException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    if (!e.errors().isEmpty()) {
      problem.setProperty("errors", e.errors());
    }
    return problem;
  }

  /** Bean Validation of a request body: every invalid field, named. */
  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalid(MethodArgumentNotValidException e) {
    return api(
        ApiException.invalid(
            e.getBindingResult().getFieldErrors().stream()
                .map(
                    error ->
                        new ApiException.FieldError(error.getField(), error.getDefaultMessage()))
                .toList()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      return api(
          ApiException.invalid(
              List.of(
                  new ApiException.FieldError(unknown.getPropertyName(), "is not a known field"))));
    }
    if (e.getCause() instanceof MismatchedInputException mismatch
        && !mismatch.getPath().isEmpty()) {
      String field = path(mismatch);
      return api(
          ApiException.invalid(
              List.of(
                  new ApiException.FieldError(
                      field,
                      "must be a "
                          + (mismatch.getTargetType() == null
                              ? "value of another type"
                              : mismatch.getTargetType().getSimpleName())))));
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      return ProblemDetail.forStatusAndDetail(
          HttpStatus.BAD_REQUEST,
          "Malformed JSON at line "
              + json.getLocation().getLineNr()
              + ", column "
              + json.getLocation().getColumnNr());
    }
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, "The request body is missing or not JSON");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Send the body as application/json (was " + e.getContentType() + ")");
  }

  @ExceptionHandler(AuthorizationException.class)
  ProblemDetail forbidden(AuthorizationException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }

  /**
   * The database out of reach or this node's pool busy (503, the client may retry later), a race
   * lost after the retries (409), or a bug: logged with its stack, answered without it.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    Optional<DatabaseTrouble> trouble = Failures.databaseTrouble(e);
    if (trouble.isPresent()) {
      log.warn("Database {}: {}", trouble.get(), e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, trouble.get().retryAfterSeconds())
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.SERVICE_UNAVAILABLE, trouble.get().detail()));
    }
    if (Failures.isConcurrentChange(e)) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.CONFLICT,
                  "Another request changed the same pilot at the same moment; nothing was"
                      + " changed, send it again"));
    }
    log.error("Unexpected error in the API", e);
    return ResponseEntity.internalServerError()
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected error; the server log has the details"));
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            reference ->
                reference.getFieldName() != null
                    ? reference.getFieldName()
                    : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
