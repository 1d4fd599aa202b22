package dev.warren.clustering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run as the page and the API show it ({@code GET /api/v1/runs/{id}}).
 */
public record RunView(long id, RunKind kind, Long clusterId, String target, RunStatus status, String startedBy,
		Instant createdAt, Instant startedAt, Instant endedAt, String summary, List<PreflightCheck> preflight,
		List<StepView> steps, String recheck, Instant recheckedAt) {

	public boolean active() {
		return this.status.isActive();
	}

	public long completedSteps() {
		return this.steps.stream()
			.filter((step) -> step.status() != StepStatus.PENDING && step.status() != StepStatus.RUNNING)
			.count();
	}

	public Duration elapsed() {
		if (this.startedAt == null) {
			return Duration.ZERO;
		}
		return Duration.between(this.startedAt, (this.endedAt != null) ? this.endedAt : Instant.now());
	}

}
