package dev.warren.health;

import dev.warren.balancer.Balancers;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.Servers;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

	private final DashboardBoard board;

	DashboardController(Servers servers, Clusters clusters, Balancers balancers, HealthMonitor monitor,
			DashboardBoard board) {
		this.servers = servers;
		this.clusters = clusters;
		this.balancers = balancers;
		this.monitor = monitor;
		this.board = board;
	}

	@GetMapping("/")
	String dashboard(Model model, Authentication user, HttpServletRequest request, HttpServletResponse response) {
		HealthSnapshot health = this.monitor.snapshot();
		model.addAttribute("serverCount", this.servers.count());
		model.addAttribute("clusterCount", this.clusters.count());
		model.addAttribute("balancerCount", this.balancers.count());
		model.addAttribute("enabled", health.enabled());
		model.addAttribute("board", this.board.html(health, canEdit(user), request, response));
		return VIEW;
	}

	private static boolean canEdit(Authentication user) {
		return user != null && user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch((role) -> role.equals("ROLE_ADMIN") || role.equals("ROLE_OPERATOR"));
	}

}
