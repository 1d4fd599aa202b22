package dev.warren.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Display text such as a name: printable characters only, no control characters or line
 * breaks, no broken Unicode (a lone surrogate would be stored as "?"), and no leading or
 * trailing spaces.
 */
@Documented
@Constraint(validatedBy = SafeText.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeText {

	String message() default "must be printable text on one line, without leading or trailing spaces";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<SafeText, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null || value.isEmpty()) {
				return true;
			}
			if (!value.equals(value.strip())) {
				return false;
			}
			return value.codePoints()
				.noneMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
						|| Character.getType(c) == Character.SURROGATE
						|| Character.getType(c) == Character.LINE_SEPARATOR
						|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
		}

	}

}
