package dev.warren.remote;

/**
 * A remote operation that did not complete. {@link #kind()} says why, the message says it
 * to a person (never containing a secret).
 */
public class RemoteException extends RuntimeException {

	private final Kind kind;

	public RemoteException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public RemoteException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	public enum Kind {

		/** The server could not be reached (DNS, refused, network timeout). */
		CONNECT_FAILED,
		/** The server refused the credentials. */
		AUTHENTICATION_FAILED,
		/** The server's host key was never trusted. */
		HOST_KEY_UNKNOWN,
		/** The server's host key differs from the trusted one. */
		HOST_KEY_CHANGED,
		/** The command did not finish in time (and was abandoned). */
		TIMEOUT,
		/** The caller cancelled (thread interrupted). */
		CANCELLED,
		/** The connection dropped while a command ran. */
		CONNECTION_LOST,
		/** An upload or download failed. */
		TRANSFER_FAILED

	}

}
