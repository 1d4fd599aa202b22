package dev.warren.balancer;

import java.security.Principal;
import java.util.List;

import dev.warren.clustering.ClusterBusyException;
import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A balancer's pushed configs: the diff between any two, and a roll back to one.
 */
@Controller
class BalancerRevisionsController {

	static final String REVISIONS = "balancers/revisions";

	private final Balancers balancers;

	private final BalancerRevisions revisions;

	private final BalancerDeployments deployments;

	BalancerRevisionsController(Balancers balancers, BalancerRevisions revisions, BalancerDeployments deployments) {
		this.balancers = balancers;
		this.revisions = revisions;
		this.deployments = deployments;
	}

	@GetMapping("/balancers/{id}/revisions")
	String revisions(@PathVariable long id, @RequestParam(required = false) Long from,
			@RequestParam(required = false) Long to, Model model) {
		model.addAttribute("balancer", this.balancers.get(id));
		List<BalancerRevisionView> all = this.revisions.list(id);
		model.addAttribute("revisions", all);
		if (from != null && to != null) {
			BalancerRevisionView older = this.revisions.get(id, from);
			BalancerRevisionView newer = this.revisions.get(id, to);
			model.addAttribute("from", older);
			model.addAttribute("to", newer);
			String diff = ConfigDiff.unified("revision " + older.id(), older.content(), "revision " + newer.id(),
					newer.content());
			model.addAttribute("diff", diff.isEmpty() ? "The two revisions are the same." : diff);
		}
		return REVISIONS;
	}

	@PostMapping("/balancers/{id}/revisions/{revisionId}/rollback")
	String rollBack(@PathVariable long id, @PathVariable long revisionId, Principal principal,
			RedirectAttributes redirect) {
		try {
			return "redirect:/runs/" + this.deployments.rollBack(id, revisionId, principal.getName());
		}
		catch (ClusterBusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + ex.activeRunId();
		}
		catch (InvalidFieldException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/balancers/" + id + "/revisions";
		}
	}

}
