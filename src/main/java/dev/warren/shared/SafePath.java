package dev.warren.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A file path on a Linux or Windows server. Spaces and parentheses are allowed (Windows
 * installs live under {@code C:\Program Files (x86)}); quotes, {@code $}, {@code %},
 * {@code ;}, {@code &}, {@code |}, redirections, backticks and line breaks are not,
 * because a POSIX shell or {@code cmd.exe} would interpret them.
 */
@Documented
@Constraint(validatedBy = SafePath.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafePath {

	String message() default "must be a file path of letters, digits, spaces and . _ - / \\ : ( ) + only";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<SafePath, String> {

		private static final Pattern PATH = Pattern.compile("[A-Za-z0-9 ._/\\\\:()+-]+");

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || value.isEmpty()
					|| (PATH.matcher(value).matches() && value.equals(value.strip()) && !value.startsWith("-"));
		}

	}

}
