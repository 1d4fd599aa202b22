package dev.warren.ejection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "ejection_policy")
class EjectionPolicy {

	@Id
	@Column(name = "cluster_id")
	private Long clusterId;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "eject_on", nullable = false, length = 64)
	private String ejectOn;

	@Column(name = "min_healthy", nullable = false)
	private int minHealthy;

	@Column(name = "hold_down_seconds", nullable = false)
	private int holdDownSeconds;

	@Column(name = "min_change_seconds", nullable = false)
	private int minChangeSeconds;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected EjectionPolicy() {
	}

	EjectionPolicy(long clusterId) {
		this.clusterId = clusterId;
	}

	void apply(EjectionSettings settings, Instant now) {
		this.enabled = settings.enabled();
		this.ejectOn = settings.after();
		this.minHealthy = settings.minHealthy();
		this.holdDownSeconds = settings.holdDownSeconds();
		this.minChangeSeconds = settings.minChangeSeconds();
		this.updatedAt = now;
	}

	long clusterId() {
		return this.clusterId;
	}

	EjectionSettings settings() {
		return new EjectionSettings(this.enabled, this.ejectOn, this.minHealthy, this.holdDownSeconds,
				this.minChangeSeconds);
	}

}
