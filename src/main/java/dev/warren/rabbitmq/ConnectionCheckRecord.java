package dev.warren.rabbitmq;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stored connection test. Every test is kept; pages show the newest.
 */
@Entity
@Table(name = "connection_check")
class ConnectionCheckRecord {

	static final int MAX_ITEMS = 20000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "server_id", nullable = false)
	private long serverId;

	@Column(name = "checked_at", nullable = false)
	private Instant checkedAt;

	@Column(name = "checked_by", nullable = false, length = 128)
	private String checkedBy;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 8)
	private ConnectionCheck.Status overall;

	@Column(nullable = false, length = MAX_ITEMS)
	private String items;

	@Column(name = "rabbitmq_version", length = 64)
	private String rabbitmqVersion;

	@Column(name = "erlang_version", length = 255)
	private String erlangVersion;

	protected ConnectionCheckRecord() {
	}

	ConnectionCheckRecord(ConnectionCheck check, String itemsJson) {
		this.serverId = check.serverId();
		this.checkedAt = check.checkedAt();
		this.checkedBy = check.checkedBy();
		this.overall = check.overall();
		this.items = itemsJson;
		this.rabbitmqVersion = check.rabbitmqVersion();
		this.erlangVersion = check.erlangVersion();
	}

	long serverId() {
		return this.serverId;
	}

	Instant checkedAt() {
		return this.checkedAt;
	}

	String checkedBy() {
		return this.checkedBy;
	}

	String items() {
		return this.items;
	}

	String rabbitmqVersion() {
		return this.rabbitmqVersion;
	}

	String erlangVersion() {
		return this.erlangVersion;
	}

}
