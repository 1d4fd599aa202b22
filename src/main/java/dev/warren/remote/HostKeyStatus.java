package dev.warren.remote;

/**
 * What the server presents now against what was trusted.
 *
 * @param state UNKNOWN (never trusted), TRUSTED (matches), CHANGED (differs from the
 * trusted key: no command runs until someone deliberately trusts the new one)
 * @param presented the key the server presents now
 * @param trusted the key trusted earlier, or {@code null}
 * @param trustedBy who trusted it, or {@code null}
 * @param trustedAt when, or {@code null}
 */
public record HostKeyStatus(State state, HostKey presented, HostKey trusted, String trustedBy,
		java.time.Instant trustedAt) {

	public enum State {

		UNKNOWN, TRUSTED, CHANGED

	}

}
