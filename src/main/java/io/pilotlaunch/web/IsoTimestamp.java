package io.pilotlaunch.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** An ISO-8601 timestamp with offset, as text. Null passes: combine with {@code @NotBlank}. */
@Documented
@Constraint(validatedBy = IsoTimestamp.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoTimestamp {

  String message() default "must be an ISO-8601 timestamp with offset, e.g. 2026-12-01T08:00:00Z";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<IsoTimestamp, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank()) {
        return true;
      }
      try {
        OffsetDateTime.parse(value);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }
}
