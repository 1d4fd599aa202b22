package dev.warren.clustering;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "Runs", description = "Cluster joins and other changes Warren made on servers, with every command")
class RunsApiController {

	private final Runs runs;

	RunsApiController(Runs runs) {
		this.runs = runs;
	}

	@GetMapping
	@Operation(summary = "List runs, newest first (without their steps' output)")
	List<RunView> list(@RequestParam(defaultValue = "0") int page) {
		return this.runs.list(page).getContent();
	}

	@GetMapping("/{id}")
	@Operation(summary = "A run with its preflight checks and steps")
	RunView get(@PathVariable long id) {
		return this.runs.get(id);
	}

	@GetMapping(path = "/{id}/events", produces = "text/event-stream")
	@Operation(summary = "Follow a run live (server-sent events: preflight, plan, step, line, run)")
	SseEmitter events(@PathVariable long id, @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
			@RequestParam(defaultValue = "0") long after) {
		return this.runs.follow(id, (lastEventId != null) ? lastEventId : after);
	}

}
