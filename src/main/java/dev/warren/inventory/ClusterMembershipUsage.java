package dev.warren.inventory;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A server that belongs to a cluster cannot be deleted.
 */
@Component
class ClusterMembershipUsage implements InventoryUsage {

	private final ClusterRepository clusters;

	ClusterMembershipUsage(ClusterRepository clusters) {
		this.clusters = clusters;
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> usesOfServer(long serverId) {
		return this.clusters.findByMember(serverId)
			.stream()
			.map((cluster) -> "it is a member of cluster '" + cluster.name() + "'")
			.toList();
	}

	@Override
	public List<String> usesOfCluster(long clusterId) {
		return List.of();
	}

}
