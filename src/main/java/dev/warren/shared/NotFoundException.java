package dev.warren.shared;

/**
 * Something named by id does not exist. Pages answer with the 404 page, the API with a
 * 404 problem.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " does not exist");
	}

}
