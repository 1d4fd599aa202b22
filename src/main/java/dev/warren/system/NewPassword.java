package dev.warren.system;

import java.nio.charset.StandardCharsets;

import dev.warren.shared.InvalidFieldException;

/**
 * The password rules: long enough to resist guessing, short enough for bcrypt (72 bytes).
 */
final class NewPassword {

	static final int MIN_LENGTH = 12;

	static final int MAX_BYTES = 72;

	private NewPassword() {
	}

	static String check(String field, String password) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw new InvalidFieldException(field, "must be at least " + MIN_LENGTH + " characters long");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			throw new InvalidFieldException(field, "must be at most " + MAX_BYTES + " bytes long");
		}
		if (password.isBlank()) {
			throw new InvalidFieldException(field, "must not be only spaces");
		}
		return password;
	}

}
