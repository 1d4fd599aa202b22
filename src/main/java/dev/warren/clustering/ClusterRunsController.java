package dev.warren.clustering;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A cluster's node operations and recent runs, as a fragment its page loads.
 */
@Controller
class ClusterRunsController {

	private final Runs runs;

	private final dev.warren.inventory.Clusters clusters;

	ClusterRunsController(Runs runs, dev.warren.inventory.Clusters clusters) {
		this.runs = runs;
		this.clusters = clusters;
	}

	@GetMapping("/clusters/{id}/runs")
	String recent(@PathVariable long id, Model model) {
		model.addAttribute("runs", this.runs.recentFor(id));
		model.addAttribute("cluster", this.clusters.get(id));
		return "runs/recent :: recent";
	}

}
