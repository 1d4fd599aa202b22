package dev.warren.ejection;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Whether one cluster member is out of the cluster's balancers, since when and why, and
 * whether every balancer has been told ({@code applied}).
 */
@Entity
@Table(name = "node_ejection")
@IdClass(NodeEjection.Key.class)
class NodeEjection {

	@Id
	@Column(name = "cluster_id")
	private Long clusterId;

	@Id
	@Column(name = "server_id")
	private Long serverId;

	@Column(nullable = false)
	private boolean ejected;

	@Column(name = "changed_at", nullable = false)
	private Instant changedAt;

	@Column(nullable = false, length = 500)
	private String reason;

	@Column(nullable = false)
	private boolean applied;

	@Column(length = 2000)
	private String problem;

	protected NodeEjection() {
	}

	NodeEjection(long clusterId, long serverId) {
		this.clusterId = clusterId;
		this.serverId = serverId;
	}

	/** A change of state, not yet applied to the balancers. */
	void change(boolean ejected, String reason, Instant now) {
		this.ejected = ejected;
		this.reason = (reason.length() > 500) ? reason.substring(0, 500) : reason;
		this.changedAt = now;
		this.applied = false;
		this.problem = null;
	}

	void applied() {
		this.applied = true;
		this.problem = null;
	}

	void failed(String problem) {
		this.applied = false;
		this.problem = (problem.length() > 2000) ? problem.substring(0, 2000) : problem;
	}

	long clusterId() {
		return this.clusterId;
	}

	long serverId() {
		return this.serverId;
	}

	boolean ejected() {
		return this.ejected;
	}

	Instant changedAt() {
		return this.changedAt;
	}

	String reason() {
		return this.reason;
	}

	boolean isApplied() {
		return this.applied;
	}

	String problem() {
		return this.problem;
	}

	record Key(Long clusterId, Long serverId) implements Serializable {

		Key() {
			this(null, null);
		}

	}

}
