package dev.warren.health;

/**
 * What one probe found: {@code roundTripMs} only when the target answered.
 */
record ProbeResult(HealthState state, Long roundTripMs, String detail) {

	static ProbeResult up(long roundTripMs, String detail) {
		return new ProbeResult(HealthState.UP, roundTripMs, detail);
	}

	static ProbeResult down(String detail) {
		return new ProbeResult(HealthState.DOWN, null, detail);
	}

	static ProbeResult notResponding(String detail) {
		return new ProbeResult(HealthState.NOT_RESPONDING, null, detail);
	}

	static ProbeResult unknown(String detail) {
		return new ProbeResult(HealthState.UNKNOWN, null, detail);
	}

}
