package dev.warren.health;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

/**
 * The live states as Micrometer gauges, for {@code /actuator/prometheus}: per node and
 * balancer whether it answers ({@code up}), its state as a number and its last round
 * trip; per cluster whether it is healthy. Targets deleted from the inventory disappear
 * from the gauges.
 */
@Component
class HealthMetrics {

	private final MultiGauge nodeUp;

	private final MultiGauge nodeState;

	private final MultiGauge nodeRoundTrip;

	private final MultiGauge balancerUp;

	private final MultiGauge balancerState;

	private final MultiGauge balancerRoundTrip;

	private final MultiGauge clusterHealthy;

	HealthMetrics(MeterRegistry registry) {
		this.nodeUp = MultiGauge.builder("warren.health.node.up")
			.description("1 when the node answers an AMQP round trip (UP or DEGRADED), else 0")
			.register(registry);
		this.nodeState = MultiGauge.builder("warren.health.node.state")
			.description("0 UNKNOWN, 1 UP, 2 DEGRADED, 3 NOT_RESPONDING, 4 DOWN")
			.register(registry);
		this.nodeRoundTrip = MultiGauge.builder("warren.health.node.round.trip")
			.description("The last AMQP publish/consume round trip")
			.baseUnit("seconds")
			.register(registry);
		this.balancerUp = MultiGauge.builder("warren.health.balancer.up")
			.description("1 when a round trip through the balancer works (UP or DEGRADED), else 0")
			.register(registry);
		this.balancerState = MultiGauge.builder("warren.health.balancer.state")
			.description("0 UNKNOWN, 1 UP, 2 DEGRADED, 3 NOT_RESPONDING, 4 DOWN")
			.register(registry);
		this.balancerRoundTrip = MultiGauge.builder("warren.health.balancer.round.trip")
			.description("The last round trip through the balancer")
			.baseUnit("seconds")
			.register(registry);
		this.clusterHealthy = MultiGauge.builder("warren.health.cluster.healthy")
			.description("1 when the cluster's status is healthy, else 0")
			.register(registry);
	}

	static int code(HealthState state) {
		return switch (state) {
			case UNKNOWN -> 0;
			case UP -> 1;
			case DEGRADED -> 2;
			case NOT_RESPONDING -> 3;
			case DOWN -> 4;
		};
	}

	void update(HealthSnapshot snapshot) {
		List<MultiGauge.Row<?>> nodeUp = new ArrayList<>();
		List<MultiGauge.Row<?>> nodeState = new ArrayList<>();
		List<MultiGauge.Row<?>> nodeRoundTrip = new ArrayList<>();
		List<MultiGauge.Row<?>> balancerUp = new ArrayList<>();
		List<MultiGauge.Row<?>> balancerState = new ArrayList<>();
		List<MultiGauge.Row<?>> balancerRoundTrip = new ArrayList<>();
		List<MultiGauge.Row<?>> clusterHealthy = new ArrayList<>();
		for (ClusterHealth cluster : snapshot.clusters()) {
			if (cluster.id() != ClusterHealth.NO_CLUSTER) {
				clusterHealthy.add(MultiGauge.Row.of(Tags.of("cluster", cluster.name()),
						"healthy".equals(cluster.status()) ? 1 : 0));
			}
			for (NodeHealth node : cluster.nodes()) {
				Tags tags = Tags.of("cluster", cluster.name(), "node", node.nodeName(), "server", node.serverName());
				nodeUp.add(MultiGauge.Row.of(tags, node.state().answers() ? 1 : 0));
				nodeState.add(MultiGauge.Row.of(tags, code(node.state())));
				if (node.roundTripMs() != null) {
					nodeRoundTrip.add(MultiGauge.Row.of(tags, node.roundTripMs() / 1000.0));
				}
			}
			for (BalancerHealth balancer : cluster.balancers()) {
				Tags tags = Tags.of("cluster", cluster.name(), "balancer", balancer.name());
				balancerUp.add(MultiGauge.Row.of(tags, balancer.state().answers() ? 1 : 0));
				balancerState.add(MultiGauge.Row.of(tags, code(balancer.state())));
				if (balancer.roundTripMs() != null) {
					balancerRoundTrip.add(MultiGauge.Row.of(tags, balancer.roundTripMs() / 1000.0));
				}
			}
		}
		this.nodeUp.register(nodeUp, true);
		this.nodeState.register(nodeState, true);
		this.nodeRoundTrip.register(nodeRoundTrip, true);
		this.balancerUp.register(balancerUp, true);
		this.balancerState.register(balancerState, true);
		this.balancerRoundTrip.register(balancerRoundTrip, true);
		this.clusterHealthy.register(clusterHealthy, true);
	}

}
