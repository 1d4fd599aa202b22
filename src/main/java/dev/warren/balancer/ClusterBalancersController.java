package dev.warren.balancer;

import java.security.Principal;

import dev.warren.clustering.ClusterBusyException;
import dev.warren.inventory.Clusters;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The balancers fronting a cluster, as a card its page loads, with "Deploy to all".
 */
@Controller
class ClusterBalancersController {

	static final String CARD = "balancers/cluster :: balancers";

	private final Balancers balancers;

	private final Clusters clusters;

	private final BalancerDeployments deployments;

	ClusterBalancersController(Balancers balancers, Clusters clusters, BalancerDeployments deployments) {
		this.balancers = balancers;
		this.clusters = clusters;
		this.deployments = deployments;
	}

	@GetMapping("/clusters/{id}/balancers")
	String card(@PathVariable long id, Model model) {
		model.addAttribute("cluster", this.clusters.get(id));
		model.addAttribute("balancers", this.balancers.fronting(id));
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
