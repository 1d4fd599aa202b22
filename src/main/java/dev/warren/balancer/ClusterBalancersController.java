package dev.warren.balancer;

import java.net.URI;
import java.security.Principal;
import java.util.Comparator;

import dev.warren.clustering.ClusterBusyException;
import dev.warren.inventory.Clusters;
import dev.warren.shared.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The balancers fronting a cluster, as a card its page loads, with "Deploy to all" and
 * the keepalived config for a virtual IP they share.
 */
@Controller
class ClusterBalancersController {

	static final String CARD = "balancers/cluster :: balancers";

	private final Balancers balancers;

	private final Clusters clusters;

	private final BalancerDeployments deployments;

	private final KeepalivedConfigs keepalived;

	ClusterBalancersController(Balancers balancers, Clusters clusters, BalancerDeployments deployments,
			KeepalivedConfigs keepalived) {
		this.balancers = balancers;
		this.clusters = clusters;
		this.deployments = deployments;
		this.keepalived = keepalived;
	}

	@GetMapping("/clusters/{id}/keepalived.conf")
	ResponseEntity<String> keepalived(@PathVariable long id, @RequestParam(required = false) String virtualIp,
			@RequestParam(name = "interface", required = false) String networkInterface,
			@RequestParam(required = false) Integer routerId, @RequestParam(required = false) Long masterBalancerId,
			@RequestParam(required = false) Long balancerId, HttpServletRequest request, HttpServletResponse response) {
		try {
			return ConfigDownload.of(this.keepalived.render(id,
					new KeepalivedRequest(virtualIp, networkInterface, routerId, masterBalancerId, balancerId)));
		}
		catch (InvalidFieldException ex) {
			// Back to the cluster's page, which shows the problem (the form lives in a
			// card the page loads).
			String page = request.getContextPath() + "/clusters/" + id;
			RequestContextUtils.getOutputFlashMap(request).put("error", "keepalived.conf: " + ex.getMessage());
			RequestContextUtils.saveOutputFlashMap(page, request, response);
			return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(page)).build();
		}
	}

	@GetMapping("/clusters/{id}/balancers")
	String card(@PathVariable long id, Model model) {
		model.addAttribute("cluster", this.clusters.get(id));
		// In the order "Deploy to all" takes them.
		model.addAttribute("balancers",
				this.balancers.fronting(id)
					.stream()
					.sorted(Comparator.comparing(BalancerView::name, String.CASE_INSENSITIVE_ORDER))
					.toList());
		return CARD;
	}

	@PostMapping("/clusters/{id}/balancer-deployments")
	String deployAll(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		try {
			return "redirect:/runs/" + this.deployments.deployAll(id, principal.getName());
		}
		catch (ClusterBusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + ex.activeRunId();
		}
		catch (NothingToDeployException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + id;
		}
	}

}
