package dev.warren.clustering;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.shared.FormErrors;
import dev.warren.shared.Inputs;
import dev.warren.shared.InvalidFieldException;
import jakarta.validation.Validator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The join wizard: choose the nodes, see the preflight and the exact plan, confirm, watch
 * the run.
 */
@Controller
class JoinWizardController {

	static final String CHOOSE = "join/choose";

	static final String REVIEW = "join/review";

	private final ClusterJoins joins;

	private final Clusters clusters;

	private final Servers servers;

	private final Validator validator;

	JoinWizardController(ClusterJoins joins, Clusters clusters, Servers servers, Validator validator) {
		this.joins = joins;
		this.clusters = clusters;
		this.servers = servers;
		this.validator = validator;
	}

	@GetMapping("/clusters/{id}/join")
	String choose(@PathVariable long id, Model model) {
		ClusterView cluster = this.clusters.get(id);
		List<Long> others = cluster.memberServerIds().stream().filter((s) -> s != cluster.primaryServerId()).toList();
		return choose(model, cluster, new JoinForm(others, null, null));
	}

	@PostMapping("/clusters/{id}/join/preflight")
	String preflight(@PathVariable long id, @ModelAttribute("join") JoinForm form, BindingResult result, Model model,
			Principal principal) {
		ClusterView cluster = this.clusters.get(id);
		JoinRequest request = form.toRequest();
		FormErrors.validate(this.validator, request, result);
		if (result.hasErrors()) {
			return choose(model, cluster, form);
		}
		Preflights.Findings findings;
		List<PlannedCommand> plan;
		try {
			findings = this.joins.preflight(id, request, principal.getName());
			plan = findings.passed() ? this.joins.plan(id, request, findings) : List.of();
		}
		catch (InvalidFieldException ex) {
			FormErrors.reject(result, ex);
			return choose(model, cluster, form);
		}
		model.addAttribute("cluster", cluster);
		model.addAttribute("primary", this.servers.get(cluster.primaryServerId()));
		model.addAttribute("passed", findings.passed());
		model.addAttribute("checks", findings.checks());
		model.addAttribute("warnings",
				findings.checks().stream().filter((c) -> c.verdict() == PreflightCheck.Verdict.WARN).count());
		model.addAttribute("plan", plan);
		return REVIEW;
	}

	@PostMapping("/clusters/{id}/join/start")
	String start(@PathVariable long id, @ModelAttribute("join") JoinForm form, Principal principal,
			RedirectAttributes redirect) {
		try {
			JoinRequest request = form.toRequest();
			Inputs.validate(this.validator, request, Map.of());
			long runId = this.joins.start(id, request, principal.getName(), null);
			return "redirect:/runs/" + runId;
		}
		catch (ClusterBusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + ex.activeRunId();
		}
		catch (InvalidFieldException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + id + "/join";
		}
	}

	@PostMapping("/runs/{id}/recheck")
	String recheck(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		try {
			this.joins.recheck(id, principal.getName());
			redirect.addFlashAttribute("success", "Read the cluster's state from every member.");
		}
		catch (InvalidFieldException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/runs/" + id;
	}

	private String choose(Model model, ClusterView cluster, JoinForm form) {
		if (!model.containsAttribute("join")) {
			model.addAttribute("join", form);
		}
		model.addAttribute("cluster", cluster);
		ServerView primary = this.servers.get(cluster.primaryServerId());
		model.addAttribute("primary", primary);
		model.addAttribute("candidates",
				cluster.memberServerIds().stream().filter((s) -> s != primary.id()).map(this.servers::get).toList());
		return CHOOSE;
	}

	/** What the wizard's form posts. */
	record JoinForm(List<Long> serverIds, String clusterName, String partitionHandling) {

		JoinRequest toRequest() {
			return new JoinRequest((this.serverIds != null) ? this.serverIds : List.of(), blankToNull(this.clusterName),
					blankToNull(this.partitionHandling));
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

}
