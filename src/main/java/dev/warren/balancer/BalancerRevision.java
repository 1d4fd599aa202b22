package dev.warren.balancer;

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
 * One config Warren pushed to a balancer host, and how that deployment ended. Written
 * once, never changed.
 */
@Entity
@Table(name = "balancer_revision")
class BalancerRevision {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "balancer_id", nullable = false)
	private Long balancerId;

	@Column(nullable = false, length = 200000)
	private String content;

	@Column(nullable = false, length = 64)
	private String sha256;

	@Column(name = "deployed_by", nullable = false, length = 128)
	private String deployedBy;

	@Column(name = "deployed_at", nullable = false)
	private Instant deployedAt;

	@Column(name = "run_id")
	private Long runId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private RevisionResult result;

	@Column(length = 4000)
	private String summary;

	protected BalancerRevision() {
	}

	BalancerRevision(long balancerId, String content, String deployedBy, Instant deployedAt, Long runId,
			RevisionResult result, String summary) {
		this.balancerId = balancerId;
		this.content = content;
		this.sha256 = Hashes.sha256(content);
		this.deployedBy = deployedBy;
		this.deployedAt = deployedAt;
		this.runId = runId;
		this.result = result;
		this.summary = (summary != null && summary.length() > 4000) ? summary.substring(0, 3997) + "..." : summary;
	}

	BalancerRevisionView toView(boolean withContent) {
		return new BalancerRevisionView(this.id, this.balancerId, this.sha256, this.deployedBy, this.deployedAt,
				this.runId, this.result, this.summary, withContent ? this.content : null);
	}

}
