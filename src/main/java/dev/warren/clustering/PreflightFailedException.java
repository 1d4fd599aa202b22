package dev.warren.clustering;

import java.util.List;

/**
 * A join refused because a preflight check failed; no command ran.
 */
class PreflightFailedException extends RuntimeException {

	private final List<PreflightCheck> checks;

	PreflightFailedException(List<PreflightCheck> checks) {
		super("Preflight failed, so no command ran: " + String.join("; ",
				checks.stream().filter(PreflightCheck::failed).map((c) -> c.server() + ": " + c.detail()).toList()));
		this.checks = List.copyOf(checks);
	}

	List<PreflightCheck> checks() {
		return this.checks;
	}

}
