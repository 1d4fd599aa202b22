package dev.warren.shared;

/**
 * A request that is well-formed but would corrupt the inventory, for example a duplicate
 * name or deleting a server that a cluster still uses. {@code field} names the input at
 * fault (or is {@code null} when the whole request is).
 */
public class ConflictException extends RuntimeException {

	private final String field;

	public ConflictException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
