package dev.warren.health;

import java.util.List;

import dev.warren.balancer.BalancerView;
import dev.warren.balancer.Balancers;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.Servers;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page: every cluster with its members and balancers, and the next step for a
 * new installation.
 */
@Controller
class DashboardController {

	static final String VIEW = "dashboard/index";

	private final Servers servers;

	private final Clusters clusters;

	private final Balancers balancers;

	DashboardController(Servers servers, Clusters clusters, Balancers balancers) {
		this.servers = servers;
		this.clusters = clusters;
		this.balancers = balancers;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		List<ClusterView> clusters = this.clusters.list();
		List<BalancerView> balancers = this.balancers.list();
		model.addAttribute("serverCount", this.servers.count());
		model.addAttribute("clusterCount", clusters.size());
		model.addAttribute("balancerCount", balancers.size());
		model.addAttribute("clusters",
				clusters.stream()
					.map((cluster) -> new ClusterTile(cluster,
							balancers.stream().filter((b) -> b.clusterId() == cluster.id()).toList()))
					.toList());
		return VIEW;
	}

	record ClusterTile(ClusterView cluster, List<BalancerView> balancers) {

	}

}
