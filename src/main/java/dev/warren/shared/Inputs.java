package dev.warren.shared;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Bean Validation for inputs that arrive in another shape than the command they become
 * (API requests with nested objects), reporting problems under the caller's field names.
 */
public final class Inputs {

	private Inputs() {
	}

	public static void validate(Validator validator, Object command, Map<String, String> names) {
		List<FieldProblem> problems = validator.validate(command)
			.stream()
			.sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
			.map((v) -> {
				String path = v.getPropertyPath().toString();
				return new FieldProblem(names.getOrDefault(path, path), v.getMessage());
			})
			.toList();
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
	}

}
