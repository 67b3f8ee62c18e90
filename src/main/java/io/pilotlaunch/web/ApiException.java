package io.pilotlaunch.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error our API answers with a problem document: its status and what is wrong. */
public class ApiException extends RuntimeException {

  public record FieldError(String field, String message) {}

  private final HttpStatus status;
  private final List<FieldError> errors;

  public ApiException(HttpStatus status, String detail) {
    this(status, detail, List.of());
  }

  public ApiException(HttpStatus status, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, detail);
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, detail);
  }

  public static ApiException invalid(List<FieldError> errors) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "Invalid request: "
            + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()),
        errors);
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
