package dev.warren.system;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "app_user")
class UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@Column(nullable = false, unique = true, length = 64)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private Role role;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected UserAccount() {
	}

	UserAccount(String username, String passwordHash, Role role, Instant now) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.enabled = true;
		this.createdAt = now;
		this.updatedAt = now;
	}

	Long id() {
		return this.id;
	}

	String username() {
		return this.username;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	Role role() {
		return this.role;
	}

	boolean enabled() {
		return this.enabled;
	}

	void change(Role role, boolean enabled, Instant now) {
		this.role = role;
		this.enabled = enabled;
		this.updatedAt = now;
	}

	void passwordHash(String hash, Instant now) {
		this.passwordHash = hash;
		this.updatedAt = now;
	}

	UserView toView() {
		return new UserView(this.id, this.username, this.role, this.enabled, this.createdAt, this.updatedAt);
	}

}
