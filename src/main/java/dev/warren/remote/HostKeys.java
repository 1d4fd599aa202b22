package dev.warren.remote;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.warren.secrets.TrustedHostKey;

/**
 * Host keys as SSH sends them (a blob that starts with its own type name) turned into
 * {@link HostKey}s, fingerprinted the way OpenSSH prints them.
 */
final class HostKeys {

	private HostKeys() {
	}

	static HostKey of(byte[] blob) {
		return new HostKey(typeOf(blob), TrustedHostKey.fingerprintOf(blob), Base64.getEncoder().encodeToString(blob));
	}

	static HostKey of(TrustedHostKey trusted) {
		return new HostKey(trusted.type(), trusted.fingerprint(), trusted.publicKey());
	}

	static boolean sameKey(HostKey presented, TrustedHostKey trusted) {
		return presented.publicKey().equals(trusted.publicKey());
	}

	private static String typeOf(byte[] blob) {
		ByteBuffer buffer = ByteBuffer.wrap(blob);
		if (buffer.remaining() >= 4) {
			int length = buffer.getInt();
			if (length > 0 && length <= Math.min(buffer.remaining(), 64)) {
				return new String(blob, 4, length, StandardCharsets.US_ASCII);
			}
		}
		return "unknown";
	}

}
