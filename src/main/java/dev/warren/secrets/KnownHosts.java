package dev.warren.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.shared.Actor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SSH host keys Warren trusts, one per endpoint (host and port). Trusting, replacing
 * and forgetting a key are audited in the same transaction as the change. Nothing here
 * talks to a server: whoever calls {@link #trust} has checked that the server presents
 * this key and that a person confirmed its fingerprint.
 */
@Service
@Transactional
public class KnownHosts {

	private static final String TYPE = "HOST_KEY";

	private final KnownHostRepository repository;

	private final AuditLog auditLog;

	private final Clock clock;

	KnownHosts(KnownHostRepository repository, AuditLog auditLog, Clock clock) {
		this.repository = repository;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<TrustedHostKey> find(String host, int port) {
		return this.repository.findByHostAndPort(normalized(host), port).map(KnownHost::toTrusted);
	}

	/**
	 * Trusts {@code publicKey} for the endpoint, replacing the key trusted before (if
	 * any). Trusting the key that is already trusted changes nothing.
	 * @param publicKey the key blob, base64
	 * @param note what the key was confirmed for (such as the server's name), for the
	 * audit log; may be {@code null}
	 * @throws IllegalArgumentException when the key is not base64 or not of
	 * {@code keyType}
	 */
	public TrustedHostKey trust(String host, int port, String keyType, String publicKey, String actor, String note) {
		String endpointHost = normalized(host);
		String fingerprint = TrustedHostKey.fingerprintOf(checkedBlob(keyType, publicKey));
		Optional<KnownHost> existing = this.repository.findByHostAndPort(endpointHost, port);
		if (existing.isPresent() && existing.get().holds(publicKey)) {
			return existing.get().toTrusted();
		}
		String about = (note != null) ? " (" + note + ")" : "";
		String endpoint = TrustedHostKey.endpoint(endpointHost, port);
		if (existing.isPresent()) {
			KnownHost known = existing.get();
			TrustedHostKey before = known.toTrusted();
			known.replace(keyType, publicKey, fingerprint, actor, this.clock.instant());
			TrustedHostKey after = this.repository.saveAndFlush(known).toTrusted();
			audit(actor,
					new AuditEntry("REPLACE_HOST_KEY", TYPE, targetId(endpoint),
							"Replaced the trusted SSH host key of " + endpoint + about + ": was " + before.type() + " "
									+ before.fingerprint() + ", now " + keyType + " " + fingerprint,
							before, after));
			return after;
		}
		TrustedHostKey created = this.repository
			.saveAndFlush(
					new KnownHost(endpointHost, port, keyType, publicKey, fingerprint, actor, this.clock.instant()))
			.toTrusted();
		audit(actor, new AuditEntry("TRUST_HOST_KEY", TYPE, targetId(endpoint),
				"Trusted the SSH host key of " + endpoint + about + ": " + keyType + " " + fingerprint, null, created));
		return created;
	}

	/**
	 * Forgets the key trusted for the endpoint, so that the next connection sees an
	 * unknown key. Returns whether there was one.
	 */
	public boolean forget(String host, int port, String actor) {
		Optional<KnownHost> existing = this.repository.findByHostAndPort(normalized(host), port);
		existing.ifPresent((known) -> {
			TrustedHostKey before = known.toTrusted();
			this.repository.delete(known);
			this.repository.flush();
			audit(actor,
					new AuditEntry("FORGET_HOST_KEY", TYPE, targetId(before.endpoint()),
							"Forgot the trusted SSH host key of " + before.endpoint() + ": " + before.fingerprint(),
							before, null));
		});
		return existing.isPresent();
	}

	private void audit(String actor, AuditEntry entry) {
		// Same transaction as the change, under the name of whoever confirmed the key.
		Actor.runAs(actor, () -> {
			this.auditLog.record(entry);
			return null;
		});
	}

	private static String normalized(String host) {
		return host.strip().toLowerCase(Locale.ROOT);
	}

	private static String targetId(String endpoint) {
		return (endpoint.length() <= 64) ? endpoint : endpoint.substring(0, 63) + "…";
	}

	/** The decoded blob, after checking that it names the expected key type. */
	private static byte[] checkedBlob(String keyType, String publicKey) {
		byte[] blob;
		try {
			blob = Base64.getDecoder().decode(publicKey);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The host key is not base64", ex);
		}
		ByteBuffer buffer = ByteBuffer.wrap(blob);
		if (buffer.remaining() < 4) {
			throw new IllegalArgumentException("The host key is too short to be an SSH public key");
		}
		int length = buffer.getInt();
		if (length <= 0 || length > buffer.remaining()) {
			throw new IllegalArgumentException("The host key is not an SSH public key blob");
		}
		String embedded = new String(blob, 4, length, StandardCharsets.US_ASCII);
		if (!embedded.equals(keyType)) {
			throw new IllegalArgumentException(
					"The host key is of type '" + embedded + "', not '" + keyType + "' as claimed");
		}
		return blob;
	}

}
