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
import java.time.Instant;
import java.util.Optional;

/**
 * A start names a configured environment and one of its regions, and a window whose bounds are
 * timestamps or plain dates ({@link PilotWindow}) and that ends after it starts. Each problem is
 * reported on its field, in words that need no field name: the API puts the field's name beside
 * them, the Tasklist start form its label ({@link PilotRunListeners}).
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
    private final PilotWindow window;

    public Validator(PilotEnvironments environments, PilotWindow window) {
      this.environments = environments;
      this.window = window;
    }

    @Override
    public boolean isValid(StartPilotRequest start, ConstraintValidatorContext context) {
      context.disableDefaultConstraintViolation();
      boolean valid = true;
      if (ReservedTenantIds.isReserved(start.tenantId())) {
        valid = violation(context, "tenantId", ReservedTenantIds.REFUSAL);
      }
      if (start.environment() != null && !start.environment().isBlank()) {
        PilotEnvironment environment = environments.find(start.environment()).orElse(null);
        if (environment == null) {
          valid =
              violation(
                  context,
                  "environment",
                  "must be one of the environments this server routes to: "
                      + String.join(", ", environments.names()));
        } else if (start.region() != null
            && !start.region().isBlank()
            && !environment.regions().contains(start.region())) {
          valid =
              violation(
                  context,
                  "region",
                  "must be one of the regions of "
                      + environment.name()
                      + " on this server: "
                      + String.join(", ", environment.regions()));
        }
      }
      Optional<Instant> from = window.start(start.pilotStart());
      Optional<Instant> to = window.end(start.pilotEnd());
      valid &= bound(context, "pilotStart", start.pilotStart(), from);
      valid &= bound(context, "pilotEnd", start.pilotEnd(), to);
      if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
        valid =
            violation(
                context,
                "pilotEnd",
                PilotWindow.isDate(start.pilotStart()) && PilotWindow.isDate(start.pilotEnd())
                    ? "must not be before the first pilot day, " + window.firstDay(from.get())
                    : "must be after the start of the pilot window, " + start.pilotStart());
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

    private boolean bound(
        ConstraintValidatorContext context, String field, String value, Optional<Instant> bound) {
      if (value == null || value.isBlank() || bound.isPresent()) {
        return true;
      }
      return violation(
          context,
          field,
          PilotWindow.notACalendarDay(value)
              .orElse(
                  "must be a day written yyyy-mm-dd, e.g. 2026-12-01 (a whole day in "
                      + window.zone()
                      + "), or a time with its offset, e.g. 2026-12-01T08:00:00Z"));
    }
  }
}
