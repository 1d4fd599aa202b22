package dev.warren.health;

import java.time.Instant;

/**
 * What one visit to a node's management API found: the facts, or why there are none.
 */
record ManagementReport(NodeHealth.ManagementFacts facts, Integer connections, String error, Instant at) {

	static ManagementReport failed(String error, Instant at) {
		return new ManagementReport(null, null, error, at);
	}

}
