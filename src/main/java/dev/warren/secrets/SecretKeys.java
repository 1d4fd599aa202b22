package dev.warren.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the AES key from the environment or from the key file, creating the file
 * (owner-only permissions) on first start.
 */
final class SecretKeys {

	private static final Logger logger = LoggerFactory.getLogger(SecretKeys.class);

	private static final int KEY_BYTES = 32;

	private SecretKeys() {
	}

	static SecretKey load(SecretsProperties properties) {
		if (properties.key() != null && !properties.key().isBlank()) {
			return fromBase64(properties.key().strip(), "warren.secrets.key (WARREN_SECRETS_KEY)");
		}
		if (properties.keyFile() == null) {
			throw new IllegalStateException("Set warren.secrets.key-file or warren.secrets.key");
		}
		try {
			return fromFile(properties.keyFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read or create the secrets key file " + properties.keyFile(), ex);
		}
	}

	private static SecretKey fromFile(Path file) throws IOException {
		if (!Files.exists(file)) {
			create(file);
		}
		warnIfOthersCanRead(file);
		return fromBase64(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
	}

	private static void create(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		boolean posix = Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null;
		try {
			if (posix) {
				Files.createFile(file, PosixFilePermissions
					.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
			}
			else {
				Files.createFile(file);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// Another instance created it first; use that one.
			return;
		}
		Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
		logger.warn("Created the secrets key file {}. Back it up: without it, stored SSH and API credentials "
				+ "cannot be decrypted.", file.toAbsolutePath());
	}

	private static void warnIfOthersCanRead(Path file) throws IOException {
		if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
		if (permissions.contains(PosixFilePermission.GROUP_READ)
				|| permissions.contains(PosixFilePermission.OTHERS_READ)) {
			logger.warn("The secrets key file {} is readable by other users ({}); run: chmod 600 {}", file,
					PosixFilePermissions.toString(permissions), file);
		}
	}

	private static SecretKey fromBase64(String encoded, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The secrets key in " + source + " is not base64", ex);
		}
		if (key.length != KEY_BYTES) {
			throw new IllegalStateException(
					"The secrets key in " + source + " must be 32 bytes (256 bits), base64 encoded; "
							+ "make one with: head -c 32 /dev/urandom | base64");
		}
		return new SecretKeySpec(key, "AES");
	}

}
