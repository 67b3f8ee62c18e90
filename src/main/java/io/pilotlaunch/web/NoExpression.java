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
import java.util.regex.Pattern;

/**
 * Text that cannot become an expression: what we accept ends up in process variables and forms,
 * where {@code ${...}} or {@code #{...}} would be evaluated.
 */
@Documented
@Constraint(validatedBy = NoExpression.Validator.class)
@Target({
  ElementType.FIELD,
  ElementType.RECORD_COMPONENT,
  ElementType.PARAMETER,
  ElementType.ANNOTATION_TYPE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoExpression {

  String message() default "must not contain expressions (${...} or #{...})";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<NoExpression, String> {
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || !EXPRESSION.matcher(value).find();
    }
  }
}
