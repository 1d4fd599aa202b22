package dev.warren.health;

import dev.warren.balancer.Balancers;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.Servers;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page: every cluster's live health (tiles pushed by
 * {@link DashboardStream}), the latest state changes, and the next step for a new
 * installation.
 */
@Controller
class DashboardController {

	static final String VIEW = "dashboard/index";

	private final Servers servers;

	private final Clusters clusters;

	private final Balancers balancers;

	private final HealthMonitor monitor;

	private final DashboardStream stream;

	DashboardController(Servers servers, Clusters clusters, Balancers balancers, HealthMonitor monitor,
			DashboardStream stream) {
		this.servers = servers;
		this.clusters = clusters;
		this.balancers = balancers;
		this.monitor = monitor;
		this.stream = stream;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		HealthSnapshot health = this.monitor.snapshot();
		model.addAttribute("serverCount", this.servers.count());
		model.addAttribute("clusterCount", this.clusters.count());
		model.addAttribute("balancerCount", this.balancers.count());
		model.addAttribute("enabled", health.enabled());
		model.addAttribute("health", health.clusters());
		model.addAttribute("timeline", this.stream.recent());
		return VIEW;
	}

}
