package dev.warren.clustering;

/**
 * Another run already holds the cluster.
 */
public class ClusterBusyException extends RuntimeException {

	private final long activeRunId;

	ClusterBusyException(long clusterId, long activeRunId) {
		super("Cluster " + clusterId + " is busy: run " + activeRunId
				+ " is still active. Wait for it to finish, then try again.");
		this.activeRunId = activeRunId;
	}

	public long activeRunId() {
		return this.activeRunId;
	}

}
