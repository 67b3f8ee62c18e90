package io.pilotlaunch.operations;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One of the configured severities ({@link Severities}). Null passes. */
@Documented
@Constraint(validatedBy = KnownSeverity.Validator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface KnownSeverity {

  String message() default "must be one of the configured severities";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** A Spring bean: the severities come from configuration. */
  class Validator implements ConstraintValidator<KnownSeverity, String> {
    private final Severities severities;

    public Validator(Severities severities) {
      this.severities = severities;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank() || severities.isKnown(value)) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate("must be one of " + severities.names())
          .addConstraintViolation();
      return false;
    }
  }
}
