package dev.warren.shared;

import java.util.List;
import java.util.Map;

/**
 * A change to a field that only an ADMIN may make: a command line Warren runs on a host,
 * or whether it runs through sudo. Pages show it next to the field; the API answers 403
 * naming it.
 */
public class AdminOnlyFieldException extends InvalidFieldException {

	public AdminOnlyFieldException(List<FieldProblem> problems) {
		super(problems);
	}

	@Override
	public InvalidFieldException renamed(Map<String, String> names) {
		return new AdminOnlyFieldException(this.problems()
			.stream()
			.map((p) -> new FieldProblem(names.getOrDefault(p.field(), p.field()), p.message()))
			.toList());
	}

}
