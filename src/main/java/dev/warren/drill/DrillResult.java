package dev.warren.drill;

/**
 * How a drill ended: PASSED when no confirmed message was lost and the node rejoined.
 */
public enum DrillResult {

	RUNNING, PASSED, FAILED

}
