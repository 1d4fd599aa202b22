package dev.warren.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	private final HealthMonitor monitor;

	private final DashboardBoard board;

	DashboardController(HealthMonitor monitor, DashboardBoard board) {
		this.monitor = monitor;
		this.board = board;
	}

	@GetMapping("/")
	String dashboard(Model model, HttpServletRequest request, HttpServletResponse response) {
		HealthSnapshot health = this.monitor.snapshot();
		// From the monitor's view of the inventory (read once a second), not three
		// database queries per page: they were a quarter of a page's time under load.
		EstateCounts counts = this.monitor.counts();
		model.addAttribute("serverCount", counts.servers());
		model.addAttribute("clusterCount", counts.clusters());
		model.addAttribute("balancerCount", counts.balancers());
		model.addAttribute("enabled", health.enabled());
		model.addAttribute("board", this.board.html(health, canEdit(request), request, response));
		return VIEW;
	}

	private static boolean canEdit(HttpServletRequest request) {
		return request.isUserInRole("ADMIN") || request.isUserInRole("OPERATOR");
	}

}
