package dev.warren.health;

import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A node's and a balancer's own page: live state, what the management API says, the
 * latency chart (live, or longer from the persisted samples) and the persisted state
 * changes, newest first, paged.
 */
@Controller
class HealthPagesController {

	static final String NODE_VIEW = "health/node";

	static final String BALANCER_VIEW = "health/balancer";

	static final int PAGE_SIZE = 20;

	private final HealthMonitor monitor;

	private final HealthHistory history;

	HealthPagesController(HealthMonitor monitor, HealthHistory history) {
		this.monitor = monitor;
		this.history = history;
	}

	@GetMapping("/health/nodes/{serverId}")
	String node(@PathVariable long serverId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "15m") String range, Model model) {
		NodeHealth node = this.monitor.node(serverId)
			.orElseThrow(() -> new NotFoundException("Node of server", serverId));
		model.addAttribute("node", node);
		model.addAttribute("cluster",
				(node.clusterId() != null) ? this.monitor.cluster(node.clusterId()).orElse(null) : null);
		addHistory(model, TargetKind.NODE, serverId, page, range);
		return NODE_VIEW;
	}

	@GetMapping("/health/balancers/{id}")
	String balancer(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "15m") String range, Model model) {
		BalancerHealth balancer = this.monitor.balancer(id).orElseThrow(() -> new NotFoundException("Balancer", id));
		model.addAttribute("balancer", balancer);
		model.addAttribute("cluster", this.monitor.cluster(balancer.clusterId()).orElse(null));
		addHistory(model, TargetKind.BALANCER, id, page, range);
		return BALANCER_VIEW;
	}

	private void addHistory(Model model, TargetKind kind, long id, int page, String range) {
		HealthEventPage events = this.history.events(null, kind, id, Math.max(0, page), PAGE_SIZE);
		if (events.events().isEmpty() && page > 0) {
			events = this.history.events(null, kind, id, Math.max(0, events.totalPages() - 1), PAGE_SIZE);
		}
		model.addAttribute("enabled", this.monitor.enabled());
		model.addAttribute("history", events.events().stream().map(TimelineEntry::of).toList());
		model.addAttribute("page", events.page());
		model.addAttribute("pages", Math.max(1, events.totalPages()));
		model.addAttribute("total", events.total());
		model.addAttribute("range", ChartRange.of(range));
		model.addAttribute("ranges", ChartRange.all());
	}

}
