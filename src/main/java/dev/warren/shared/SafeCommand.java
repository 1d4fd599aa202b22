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
 * One command with its arguments, as an administrator configures it for a balancer host
 * (for example {@code nginx -t -c {file}}). Double quotes may group a path with spaces;
 * command separators, substitutions, redirections, variables and line breaks are refused
 * so that the configured text can only ever run one program.
 */
@Documented
@Constraint(validatedBy = SafeCommand.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface SafeCommand {

	String message() default "must be a single command: letters, digits, spaces, quotes and . _ - / \\ : = , + @ {file} only (no ; & | $ ` < > % or line breaks)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<SafeCommand, String> {

		private static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9 ._/\\\\:=,+@\"(){}-]+");

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || value.isEmpty() || (COMMAND.matcher(value).matches() && value.equals(value.strip())
					&& value.chars().filter((c) -> c == '"').count() % 2 == 0);
		}

	}

}
