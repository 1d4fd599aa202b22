package dev.warren.balancer;

import java.util.List;

import dev.warren.inventory.InventoryUsage;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Servers that host a balancer and clusters that a balancer fronts cannot be deleted.
 */
@Component
class BalancerUsage implements InventoryUsage {

	private final BalancerRepository balancers;

	BalancerUsage(BalancerRepository balancers) {
		this.balancers = balancers;
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> usesOfServer(long serverId) {
		return this.balancers.findByHostServerId(serverId)
			.stream()
			.map((balancer) -> "it hosts balancer '" + balancer.name() + "'")
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<String> usesOfCluster(long clusterId) {
		return this.balancers.findByClusterId(clusterId)
			.stream()
			.map((balancer) -> "balancer '" + balancer.name() + "' fronts it")
			.toList();
	}

}
