package dev.warren.shared;

import org.springframework.validation.BindingResult;

/**
 * Puts a service's refusal next to the form field it names, or at the top of the form.
 */
public final class FormErrors {

	private FormErrors() {
	}

	public static void reject(BindingResult result, RuntimeException ex) {
		if (ex instanceof InvalidFieldException invalid) {
			invalid.problems().forEach((problem) -> rejectField(result, problem.field(), problem.message()));
		}
		else if (ex instanceof ConflictException conflict) {
			rejectField(result, conflict.field(), conflict.getMessage());
		}
		else {
			throw ex;
		}
	}

	/**
	 * Validates the command a form turns into and puts each problem next to its field,
	 * unless that field already failed to convert (its "must be a whole number" stays).
	 */
	public static void validate(jakarta.validation.Validator validator, Object command, BindingResult result) {
		validator.validate(command).forEach((violation) -> {
			String field = violation.getPropertyPath().toString();
			if (!result.hasFieldErrors(field)) {
				rejectField(result, field, violation.getMessage());
			}
		});
	}

	private static void rejectField(BindingResult result, String field, String message) {
		if (field != null && isField(result, field)) {
			result.rejectValue(field, "rejected", message);
		}
		else {
			result.reject("rejected", (field != null) ? field + ": " + message : message);
		}
	}

	private static boolean isField(BindingResult result, String field) {
		try {
			result.getFieldType(field);
			return result.getTarget() == null || org.springframework.beans.BeanUtils
				.getPropertyDescriptor(result.getTarget().getClass(), field) != null
					|| hasRecordComponent(result.getTarget().getClass(), field);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean hasRecordComponent(Class<?> type, String field) {
		if (!type.isRecord()) {
			return false;
		}
		for (var component : type.getRecordComponents()) {
			if (component.getName().equals(field)) {
				return true;
			}
		}
		return false;
	}

}
