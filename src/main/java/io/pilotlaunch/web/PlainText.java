package io.pilotlaunch.web;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text of at most {@code max} characters, with no expressions and no control characters (line
 * breaks and tabs are text). Null passes: combine with {@code @NotBlank} when required.
 */
@Documented
@Constraint(validatedBy = {})
@Size
@NoExpression
@Pattern(
    regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
    message = "must not contain control characters")
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

  @OverridesAttribute(constraint = Size.class, name = "max")
  int max();

  @OverridesAttribute(constraint = Size.class, name = "message")
  String message() default "must be at most {max} characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
