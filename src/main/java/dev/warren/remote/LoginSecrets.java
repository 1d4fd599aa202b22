package dev.warren.remote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.warren.inventory.AuthType;
import dev.warren.inventory.ServerCredentials;
import dev.warren.secrets.Secrets;

/**
 * A server's SSH credentials, revealed for the moment of login. {@link #toString} shows
 * none of them.
 */
final class LoginSecrets {

	private final AuthType type;

	private final String password;

	private final String privateKey;

	private final String passphrase;

	private LoginSecrets(AuthType type, String password, String privateKey, String passphrase) {
		this.type = type;
		this.password = password;
		this.privateKey = privateKey;
		this.passphrase = passphrase;
	}

	static LoginSecrets reveal(ServerCredentials credentials, Secrets secrets) {
		if (credentials.authType() == AuthType.PASSWORD) {
			return new LoginSecrets(AuthType.PASSWORD, revealed(credentials.password(), secrets), null, null);
		}
		return new LoginSecrets(AuthType.PRIVATE_KEY, null, revealed(credentials.privateKey(), secrets),
				revealed(credentials.passphrase(), secrets));
	}

	private static String revealed(dev.warren.secrets.SecretId id, Secrets secrets) {
		return (id != null) ? secrets.reveal(id) : null;
	}

	boolean usesPassword() {
		return this.type == AuthType.PASSWORD;
	}

	byte[] password() {
		return bytes(this.password);
	}

	byte[] privateKey() {
		return bytes(this.privateKey);
	}

	byte[] passphrase() {
		return bytes(this.passphrase);
	}

	/** The values that must never appear in a log or an audit record. */
	List<String> values() {
		List<String> values = new ArrayList<>();
		for (String value : new String[] { this.password, this.passphrase }) {
			if (value != null && !value.isEmpty()) {
				values.add(value);
			}
		}
		return values;
	}

	private static byte[] bytes(String value) {
		return (value != null) ? value.getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	public String toString() {
		return "LoginSecrets[" + this.type + ", hidden]";
	}

}
