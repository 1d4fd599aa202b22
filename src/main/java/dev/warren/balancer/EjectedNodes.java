package dev.warren.balancer;

import java.util.Set;

/**
 * Which members of a cluster Warren has taken out of its balancers (ejection, issue 11):
 * the rendered config marks them {@code down} (NGINX) or {@code disabled} (HAProxy), so a
 * push, drift detection and "deploy to all" keep them out. Implemented by the module that
 * decides ejections; without one, no node is ejected.
 */
public interface EjectedNodes {

	/** The ids of the cluster's servers that are out of its balancers. */
	Set<Long> ejected(long clusterId);

	/**
	 * Published (Spring application event) when a member goes out of its cluster's
	 * balancers or comes back, once the decision is stored: pages that show it redraw.
	 */
	record Changed(long clusterId, long serverId, boolean ejected, String reason) {

	}

}
