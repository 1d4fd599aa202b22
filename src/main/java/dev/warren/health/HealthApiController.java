package dev.warren.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warren.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/health")
@Tag(name = "Health", description = "Live state of every cluster, node and balancer; history of state changes")
class HealthApiController {

	private final HealthMonitor monitor;

	private final HealthHistory history;

	private final HealthStream stream;

	private final Clock clock;

	HealthApiController(HealthMonitor monitor, HealthHistory history, HealthStream stream, Clock clock) {
		this.monitor = monitor;
		this.history = history;
		this.stream = stream;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "The live state of every cluster with its nodes and balancers")
	HealthSnapshot snapshot() {
		return this.monitor.snapshot();
	}

	@GetMapping(path = "/events", produces = "text/event-stream")
	@Operation(summary = "Follow state changes live (server-sent events named 'state', JSON like a history event; "
			+ "with samples=true also every probe result as 'sample')")
	SseEmitter events(@RequestParam(defaultValue = "false") boolean samples) {
		return this.stream.subscribe(samples);
	}

	@GetMapping("/nodes/{serverId}/latency")
	@Operation(summary = "A node's AMQP round trips of the last 15 minutes, oldest first")
	List<LatencyPoint> nodeLatency(@PathVariable long serverId) {
		this.monitor.node(serverId).orElseThrow(() -> new NotFoundException("Node of server", serverId));
		return this.monitor.recentLatency(TargetKind.NODE, serverId);
	}

	@GetMapping("/balancers/{id}/latency")
	@Operation(summary = "A balancer's round trips of the last 15 minutes, oldest first")
	List<LatencyPoint> balancerLatency(@PathVariable long id) {
		this.monitor.balancer(id).orElseThrow(() -> new NotFoundException("Balancer", id));
		return this.monitor.recentLatency(TargetKind.BALANCER, id);
	}

	@GetMapping("/history/events")
	@Operation(summary = "State changes, newest first, paged; filtered by cluster (its own, its nodes' and its "
			+ "balancers') or by target")
	HealthEventPage historyEvents(@RequestParam(required = false) Long clusterId,
			@Parameter(description = "NODE, BALANCER or CLUSTER") @RequestParam(required = false) TargetKind kind,
			@Parameter(description = "server id for NODE") @RequestParam(required = false) Long targetId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.history.events(clusterId, kind, targetId, page, size);
	}

	@GetMapping("/history/samples")
	@Operation(summary = "Probe results of a node (server id) or balancer per time bucket, oldest first; "
			+ "default range: the last 24 hours")
	List<HealthSampleView> historySamples(@Parameter(description = "NODE or BALANCER") @RequestParam TargetKind kind,
			@RequestParam long targetId,
			@Parameter(description = "ISO-8601 instant") @RequestParam(required = false) Instant from,
			@Parameter(description = "ISO-8601 instant") @RequestParam(required = false) Instant to) {
		Instant end = (to != null) ? to : this.clock.instant();
		Instant start = (from != null) ? from : end.minus(Duration.ofHours(24));
		return this.history.samples(kind, targetId, start, end);
	}

}
