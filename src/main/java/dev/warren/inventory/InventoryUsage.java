package dev.warren.inventory;

import java.util.List;

/**
 * Implemented by modules that refer to servers or clusters (balancers, for one), so that
 * inventory can refuse to delete what is still in use without depending on them.
 */
public interface InventoryUsage {

	/** Human-readable reasons why the server cannot be deleted; empty when it can. */
	List<String> usesOfServer(long serverId);

	/** Human-readable reasons why the cluster cannot be deleted; empty when it can. */
	List<String> usesOfCluster(long clusterId);

}
