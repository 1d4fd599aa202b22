package dev.warren.shared;

import java.util.List;
import java.util.Map;

/**
 * Input that breaks a rule: a field's own constraint, or one that involves other fields
 * or stored state (for example "a private key is required when switching to key
 * authentication"). Pages show each problem next to its field; the API answers 400 naming
 * them.
 */
public class InvalidFieldException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidFieldException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public InvalidFieldException(List<FieldProblem> problems) {
		super(problems.stream().map((p) -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse(""));
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	/**
	 * The same problems with field names translated, for callers whose input is shaped
	 * differently.
	 */
	public InvalidFieldException renamed(Map<String, String> names) {
		return new InvalidFieldException(this.problems.stream()
			.map((p) -> new FieldProblem(names.getOrDefault(p.field(), p.field()), p.message()))
			.toList());
	}

}
