package dev.warren.secrets;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "known_host")
class KnownHost {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@Column(nullable = false, length = 253)
	private String host;

	@Column(nullable = false)
	private int port;

	@Column(name = "key_type", nullable = false, length = 64)
	private String keyType;

	@Column(name = "public_key", nullable = false, length = 8192)
	private String publicKey;

	@Column(nullable = false, length = 64)
	private String fingerprint;

	@Column(name = "trusted_by", nullable = false, length = 128)
	private String trustedBy;

	@Column(name = "trusted_at", nullable = false)
	private Instant trustedAt;

	protected KnownHost() {
	}

	KnownHost(String host, int port, String keyType, String publicKey, String fingerprint, String trustedBy,
			Instant trustedAt) {
		this.host = host;
		this.port = port;
		replace(keyType, publicKey, fingerprint, trustedBy, trustedAt);
	}

	final void replace(String keyType, String publicKey, String fingerprint, String trustedBy, Instant trustedAt) {
		this.keyType = keyType;
		this.publicKey = publicKey;
		this.fingerprint = fingerprint;
		this.trustedBy = trustedBy;
		this.trustedAt = trustedAt;
	}

	boolean holds(String publicKey) {
		return this.publicKey.equals(publicKey);
	}

	TrustedHostKey toTrusted() {
		return new TrustedHostKey(this.host, this.port, this.keyType, this.publicKey, this.fingerprint, this.trustedBy,
				this.trustedAt);
	}

}
