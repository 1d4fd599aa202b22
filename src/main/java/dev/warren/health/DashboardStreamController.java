package dev.warren.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warren.shared.NotFoundException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the pages' scripts fetch: the live stream of tiles, and the round trips of the
 * last 15 minutes that start a chart (the API's {@code /api/v1/health/.../latency}
 * answers the same to HTTP Basic clients; these are for the logged-in page).
 */
@Controller
class DashboardStreamController {

	private final DashboardStream stream;

	private final HealthMonitor monitor;

	private final HealthHistory history;

	private final Clock clock;

	DashboardStreamController(DashboardStream stream, HealthMonitor monitor, HealthHistory history, Clock clock) {
		this.stream = stream;
		this.monitor = monitor;
		this.history = history;
		this.clock = clock;
	}

	@GetMapping(path = "/health/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return this.stream.connect();
	}

	@GetMapping(path = "/health/nodes/{serverId}/latency", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> nodeLatency(@PathVariable long serverId) {
		this.monitor.node(serverId).orElseThrow(() -> new NotFoundException("Node of server", serverId));
		return points(this.monitor.recentLatency(TargetKind.NODE, serverId));
	}

	@GetMapping(path = "/health/balancers/{id}/latency", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> balancerLatency(@PathVariable long id) {
		this.monitor.balancer(id).orElseThrow(() -> new NotFoundException("Balancer", id));
		return points(this.monitor.recentLatency(TargetKind.BALANCER, id));
	}

	@GetMapping(path = "/health/nodes/{serverId}/samples", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> nodeSamples(@PathVariable long serverId, @RequestParam(defaultValue = "1h") String range) {
		this.monitor.node(serverId).orElseThrow(() -> new NotFoundException("Node of server", serverId));
		return buckets(TargetKind.NODE, serverId, range);
	}

	@GetMapping(path = "/health/balancers/{id}/samples", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> balancerSamples(@PathVariable long id, @RequestParam(defaultValue = "1h") String range) {
		this.monitor.balancer(id).orElseThrow(() -> new NotFoundException("Balancer", id));
		return buckets(TargetKind.BALANCER, id, range);
	}

	/**
	 * {@code {"points": [[bucketStartMillis, avgMs, maxMs, failures, probes], …]}} from
	 * the persisted samples, oldest first.
	 */
	private Map<String, Object> buckets(TargetKind kind, long id, String range) {
		Instant now = this.clock.instant();
		List<Object[]> points = new ArrayList<>();
		for (HealthSampleView sample : this.history.samples(kind, id, now.minus(ChartRange.of(range).length()),
				now.plusSeconds(1))) {
			points.add(new Object[] { sample.bucketStart().toEpochMilli(), sample.avgRoundTripMs(),
					sample.maxRoundTripMs(), sample.failures(), sample.count() });
		}
		return Map.of("points", points);
	}

	/**
	 * {@code {"points": [[epochMillis, roundTripMs or null], …]}}: compact, as the
	 * {@code samples} events of the stream.
	 */
	private static Map<String, Object> points(List<LatencyPoint> latency) {
		List<Object[]> points = new ArrayList<>(latency.size());
		for (LatencyPoint point : latency) {
			points.add(new Object[] { point.at().toEpochMilli(), point.roundTripMs() });
		}
		return Map.of("points", points);
	}

}
