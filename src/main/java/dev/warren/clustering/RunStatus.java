package dev.warren.clustering;

/**
 * Where a run stands. Only PENDING and RUNNING are active; the others are final.
 */
public enum RunStatus {

	PENDING, RUNNING, SUCCEEDED, FAILED, ROLLED_BACK, INTERRUPTED;

	public boolean isActive() {
		return this == PENDING || this == RUNNING;
	}

}
