package dev.warren.drill;

import java.security.Principal;

import dev.warren.clustering.ClusterBusyException;
import dev.warren.inventory.Clusters;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The drill pages: the cluster's drills with a form to start one, the confirmation page
 * with the safety checks, and a drill's report.
 */
@Controller
class DrillsController {

	static final String LIST = "drills/list";

	static final String CONFIRM = "drills/confirm";

	static final String DETAIL = "drills/detail";

	static final String RECENT = "drills/recent :: recent";

	private final Drills drills;

	private final Clusters clusters;

	DrillsController(Drills drills, Clusters clusters) {
		this.drills = drills;
		this.clusters = clusters;
	}

	@GetMapping("/clusters/{id}/drills")
	String list(@PathVariable long id, Model model) {
		model.addAttribute("cluster", this.clusters.get(id));
		model.addAttribute("drills", this.drills.list(id));
		model.addAttribute("defaultWait", this.drills.defaultWaitSeconds());
		model.addAttribute("balancers", this.drills.balancersOf(id));
		return LIST;
	}

	@GetMapping("/clusters/{id}/drills/recent")
	String recent(@PathVariable long id, Model model) {
		model.addAttribute("cluster", this.clusters.get(id));
		model.addAttribute("drills", this.drills.list(id).stream().limit(5).toList());
		return RECENT;
	}

	@PostMapping("/clusters/{id}/drills/check")
	String check(@PathVariable long id, @ModelAttribute("drill") DrillRequest request, BindingResult binding,
			Principal principal, Model model, RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			redirect.addFlashAttribute("error", invalid(binding));
			return "redirect:/clusters/" + id + "/drills";
		}
		try {
			model.addAttribute("plan", this.drills.plan(id, request, principal.getName()));
			return CONFIRM;
		}
		catch (InvalidFieldException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + id + "/drills";
		}
	}

	@PostMapping("/clusters/{id}/drills")
	String start(@PathVariable long id, @ModelAttribute("drill") DrillRequest request, BindingResult binding,
			Principal principal, Model model, RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			redirect.addFlashAttribute("error", invalid(binding));
			return "redirect:/clusters/" + id + "/drills";
		}
		try {
			return "redirect:/runs/" + this.drills.start(id, request, principal.getName()).runId();
		}
		catch (DrillRefusedException ex) {
			model.addAttribute("plan", this.drills.plan(id, request, principal.getName()));
			model.addAttribute("error", ex.getMessage());
			return CONFIRM;
		}
		catch (ClusterBusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + ex.activeRunId();
		}
		catch (InvalidFieldException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + id + "/drills";
		}
	}

	@GetMapping("/drills/{id}")
	String detail(@PathVariable long id, Model model) {
		model.addAttribute("drill", this.drills.get(id));
		return DETAIL;
	}

	/** From a drill's run (whose page knows only the run) to the drill's report. */
	@GetMapping("/runs/{runId}/drill")
	String ofRun(@PathVariable long runId) {
		return "redirect:/drills/"
				+ this.drills.ofRun(runId).orElseThrow(() -> new NotFoundException("A drill for run", runId)).id();
	}

	private static String invalid(BindingResult binding) {
		return String.join("; ",
				binding.getFieldErrors()
					.stream()
					.map((error) -> error.getField() + ": must be a whole number")
					.toList());
	}

}
