package dev.warren.secrets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * An SSH host key that an administrator trusted for one endpoint. Public keys are not
 * secret; they live here because this module owns everything that decides whom Warren
 * trusts.
 *
 * @param host the host name or address, lower case
 * @param port the SSH port
 * @param type the key type, e.g. {@code ssh-ed25519} or {@code ssh-rsa}
 * @param publicKey the key blob, base64 (as in {@code known_hosts})
 * @param fingerprint the SHA-256 fingerprint as OpenSSH prints it ({@code SHA256:…})
 * @param trustedBy who trusted it
 * @param trustedAt when
 */
public record TrustedHostKey(String host, int port, String type, String publicKey, String fingerprint, String trustedBy,
		Instant trustedAt) {

	/**
	 * The fingerprint that {@code ssh-keygen -lf} and {@code ssh} print: SHA-256 of the
	 * key blob, base64 without padding.
	 */
	public static String fingerprintOf(byte[] publicKeyBlob) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyBlob);
			return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This Java runtime has no SHA-256", ex);
		}
	}

	/** The endpoint as OpenSSH writes it in {@code known_hosts}. */
	public String endpoint() {
		return endpoint(this.host, this.port);
	}

	static String endpoint(String host, int port) {
		return (port == 22) ? host : "[" + host + "]:" + port;
	}

}
