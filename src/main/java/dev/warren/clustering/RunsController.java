package dev.warren.clustering;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The runs page. Runs are the persisted record of cluster joins and balancer deployments;
 * until one has been started the page explains what will appear here.
 */
@Controller
class RunsController {

	static final String VIEW = "runs/list";

	@GetMapping("/runs")
	String list() {
		return VIEW;
	}

}
