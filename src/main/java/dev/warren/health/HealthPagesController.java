package dev.warren.health;

import java.util.List;

import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A node's and a balancer's own page: live state, what the management API says, the
 * latency chart and the state changes.
 */
@Controller
class HealthPagesController {

	static final String NODE_VIEW = "health/node";

	static final String BALANCER_VIEW = "health/balancer";

	static final int PAGE_SIZE = 20;

	private final HealthMonitor monitor;

	private final DashboardStream stream;

	HealthPagesController(HealthMonitor monitor, DashboardStream stream) {
		this.monitor = monitor;
		this.stream = stream;
	}

	@GetMapping("/health/nodes/{serverId}")
	String node(@PathVariable long serverId, @RequestParam(defaultValue = "0") int page, Model model) {
		NodeHealth node = this.monitor.node(serverId)
			.orElseThrow(() -> new NotFoundException("Node of server", serverId));
		model.addAttribute("node", node);
		model.addAttribute("cluster",
				(node.clusterId() != null) ? this.monitor.cluster(node.clusterId()).orElse(null) : null);
		addHistory(model, TargetKind.NODE, serverId, page);
		return NODE_VIEW;
	}

	@GetMapping("/health/balancers/{id}")
	String balancer(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		BalancerHealth balancer = this.monitor.balancer(id).orElseThrow(() -> new NotFoundException("Balancer", id));
		model.addAttribute("balancer", balancer);
		model.addAttribute("cluster", this.monitor.cluster(balancer.clusterId()).orElse(null));
		addHistory(model, TargetKind.BALANCER, id, page);
		return BALANCER_VIEW;
	}

	private void addHistory(Model model, TargetKind kind, long id, int page) {
		List<TimelineEntry> all = this.stream.recent()
			.stream()
			.filter((entry) -> entry.kind() == kind && entry.id() == id)
			.toList();
		int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(0, page), pages - 1);
		model.addAttribute("enabled", this.monitor.enabled());
		model.addAttribute("history",
				all.subList(current * PAGE_SIZE, Math.min(all.size(), (current + 1) * PAGE_SIZE)));
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		model.addAttribute("persisted", false);
	}

}
