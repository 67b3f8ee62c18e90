package io.pilotlaunch.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The id a ticketing or monitoring system gives an issue or a feedback: required, 1 to 100
 * characters.
 */
@Documented
@Constraint(validatedBy = {})
@NotBlank(message = "is required")
@Size(max = 100, message = "must be 1 to 100 characters")
@Pattern(regexp = Patterns.EXTERNAL_ID, message = "must be letters, digits and . _ : -")
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ExternalId {

  String message() default "is not an external id";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
