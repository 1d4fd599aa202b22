package dev.warren.clustering;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The runs pages: the list, and one run with its commands' output streaming live.
 */
@Controller
class RunsController {

	static final String LIST = "runs/list";

	static final String DETAIL = "runs/detail";

	private final Runs runs;

	RunsController(Runs runs) {
		this.runs = runs;
	}

	@GetMapping("/runs")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("runs", this.runs.list(page));
		return LIST;
	}

	@GetMapping("/runs/{id}")
	String detail(@PathVariable long id, Model model) {
		Runs.LiveRun live = this.runs.live(id);
		model.addAttribute("run", live.run());
		model.addAttribute("lastSeq", live.lastSeq());
		model.addAttribute("liveOutput", live.liveOutput());
		return DETAIL;
	}

	@GetMapping(path = "/runs/{id}/events", produces = "text/event-stream")
	SseEmitter events(@PathVariable long id, @RequestParam(defaultValue = "0") long after) {
		return this.runs.follow(id, after);
	}

}
