package dev.warren.clustering;

/**
 * Where one command of a run stands.
 */
public enum StepStatus {

	PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED

}
