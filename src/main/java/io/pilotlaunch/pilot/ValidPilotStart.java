package io.pilotlaunch.pilot;

import io.pilotlaunch.onboarding.PilotEnvironments;
import io.pilotlaunch.onboarding.PilotEnvironments.PilotEnvironment;
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

/**
 * A start names a configured environment and one of its regions, and a window that ends after it
 * starts. Each problem is reported on its field.
 */
@Documented
@Constraint(validatedBy = ValidPilotStart.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPilotStart {

  String message() default "is not a valid pilot start";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** A Spring bean: the environments come from configuration. */
  class Validator implements ConstraintValidator<ValidPilotStart, StartPilotRequest> {

    private final PilotEnvironments environments;

    public Validator(PilotEnvironments environments) {
      this.environments = environments;
    }

    @Override
    public boolean isValid(StartPilotRequest start, ConstraintValidatorContext context) {
      context.disableDefaultConstraintViolation();
      boolean valid = true;
      if (start.environment() != null && !start.environment().isBlank()) {
        PilotEnvironment environment = environments.find(start.environment()).orElse(null);
        if (environment == null) {
          valid = violation(context, "environment", "must be one of " + environments.names());
        } else if (start.region() != null
            && !start.region().isBlank()
            && !environment.regions().contains(start.region())) {
          valid = violation(context, "region", "must be one of " + environment.regions());
        }
      }
      OffsetDateTime from = timestamp(start.pilotStart());
      OffsetDateTime to = timestamp(start.pilotEnd());
      if (from != null && to != null && !to.isAfter(from)) {
        valid = violation(context, "pilotEnd", "must be after pilotStart");
      }
      return valid;
    }

    private static boolean violation(
        ConstraintValidatorContext context, String field, String message) {
      context
          .buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
          .addPropertyNode(field)
          .addConstraintViolation();
      return false;
    }

    private static OffsetDateTime timestamp(String value) {
      try {
        return value == null ? null : OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}
