package dev.warren.drill;

import java.util.List;

import dev.warren.clustering.PreflightCheck;

/**
 * A drill refused because a safety check failed; nothing ran.
 */
class DrillRefusedException extends RuntimeException {

	private final List<PreflightCheck> checks;

	DrillRefusedException(List<PreflightCheck> checks) {
		super("A safety check failed, so the drill did not start: " + String.join("; ",
				checks.stream().filter(PreflightCheck::failed).map((c) -> c.server() + ": " + c.detail()).toList()));
		this.checks = List.copyOf(checks);
	}

	List<PreflightCheck> checks() {
		return this.checks;
	}

}
