package dev.warren.secrets;

import java.util.UUID;

/**
 * Names one stored secret. Holding it reveals nothing.
 */
public record SecretId(UUID value) {

	public static SecretId of(String value) {
		return new SecretId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
