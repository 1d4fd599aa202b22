package dev.warren.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "audit_record")
class AuditRecord {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "occurred_at", nullable = false)
	private Instant occurredAt;

	@Column(nullable = false, length = 128)
	private String actor;

	@Column(nullable = false, length = 32)
	private String action;

	@Column(name = "target_type", length = 32)
	private String targetType;

	@Column(name = "target_id", length = 64)
	private String targetId;

	@Column(nullable = false, length = 1000)
	private String summary;

	@Column(name = "before_state", length = 20000)
	private String beforeState;

	@Column(name = "after_state", length = 20000)
	private String afterState;

	@Column(name = "remote_address", length = 64)
	private String remoteAddress;

	protected AuditRecord() {
	}

	AuditRecord(Instant occurredAt, String actor, String action, String targetType, String targetId, String summary,
			String beforeState, String afterState, String remoteAddress) {
		this.occurredAt = occurredAt;
		this.actor = actor;
		this.action = action;
		this.targetType = targetType;
		this.targetId = targetId;
		this.summary = summary;
		this.beforeState = beforeState;
		this.afterState = afterState;
		this.remoteAddress = remoteAddress;
	}

	AuditView toView() {
		return new AuditView(this.id, this.occurredAt, this.actor, this.action, this.targetType, this.targetId,
				this.summary, this.beforeState, this.afterState, this.remoteAddress);
	}

}
