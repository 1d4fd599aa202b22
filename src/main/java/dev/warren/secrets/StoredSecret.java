package dev.warren.secrets;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "secret")
class StoredSecret {

	@Id
	@Column(length = 36)
	private String id;

	@Column(nullable = false, length = 64)
	private String purpose;

	@Column(nullable = false, length = 20000)
	private String ciphertext;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected StoredSecret() {
	}

	StoredSecret(String id, String purpose, String ciphertext) {
		this.id = id;
		this.purpose = purpose;
		this.ciphertext = ciphertext;
		this.updatedAt = Instant.now();
	}

	String id() {
		return this.id;
	}

	String ciphertext() {
		return this.ciphertext;
	}

	void replace(String ciphertext) {
		this.ciphertext = ciphertext;
		this.updatedAt = Instant.now();
	}

}
