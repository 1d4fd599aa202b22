package dev.warren.health;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/health")
@Tag(name = "Health", description = "Live state of every cluster, node and balancer; history of state changes")
class HealthApiController {

	private final HealthMonitor monitor;

	HealthApiController(HealthMonitor monitor) {
		this.monitor = monitor;
	}

	@GetMapping
	@Operation(summary = "The live state of every cluster with its nodes and balancers")
	HealthSnapshot snapshot() {
		return this.monitor.snapshot();
	}

	@GetMapping("/nodes/{serverId}/latency")
	@Operation(summary = "A node's AMQP round trips of the last 15 minutes, oldest first")
	List<LatencyPoint> nodeLatency(@PathVariable long serverId) {
		this.monitor.node(serverId)
			.orElseThrow(() -> new dev.warren.shared.NotFoundException("Node of server", serverId));
		return this.monitor.recentLatency(TargetKind.NODE, serverId);
	}

	@GetMapping("/balancers/{id}/latency")
	@Operation(summary = "A balancer's round trips of the last 15 minutes, oldest first")
	List<LatencyPoint> balancerLatency(@PathVariable long id) {
		this.monitor.balancer(id).orElseThrow(() -> new dev.warren.shared.NotFoundException("Balancer", id));
		return this.monitor.recentLatency(TargetKind.BALANCER, id);
	}

}
