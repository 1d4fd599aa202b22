package dev.warren.inventory;

import java.util.regex.Pattern;

/**
 * A first, offline check that pasted text is a private key rather than, say, a public
 * key. The SSH library parses it for real when Warren connects.
 */
final class PrivateKeys {

	private static final Pattern PEM = Pattern.compile(
			"(?s)\\s*-----BEGIN ([A-Z0-9]+ )?(ENCRYPTED )?PRIVATE KEY-----.+-----END ([A-Z0-9]+ )?(ENCRYPTED )?PRIVATE KEY-----\\s*");

	private PrivateKeys() {
	}

	static boolean looksLikePrivateKey(String text) {
		return PEM.matcher(text).matches() || text.strip().startsWith("PuTTY-User-Key-File-");
	}

}
