package dev.warren.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How probe results become node states, and node and balancer states a cluster's status
 * and summary.
 */
class HealthRulesTests {

	static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

	static final Duration MAX_AGE = Duration.ofSeconds(15);

	static final List<String> MEMBERS = List.of("rabbit@a", "rabbit@b", "rabbit@c");

	@Test
	void aNodeNeverProbedIsUnknown() {
		HealthRules.NodeVerdict verdict = HealthRules.node(null, null, MEMBERS, NOW, MAX_AGE);
		assertThat(verdict.state()).isEqualTo(HealthState.UNKNOWN);
		assertThat(verdict.detail()).isEqualTo("not probed yet");
	}

	@Test
	void theAmqpRoundTripDecidesDownAndNotRespondingWhateverTheManagementApiSaid() {
		ManagementReport alarmed = report(facts("rabbit@a", MEMBERS, List.of(), true, false), NOW);
		assertThat(HealthRules.node(ProbeResult.down("refused"), alarmed, MEMBERS, NOW, MAX_AGE).state())
			.isEqualTo(HealthState.DOWN);
		assertThat(HealthRules.node(ProbeResult.notResponding("slow"), alarmed, MEMBERS, NOW, MAX_AGE).state())
			.isEqualTo(HealthState.NOT_RESPONDING);
	}

	@Test
	void anAnsweringNodeWithoutManagementFactsIsUp() {
		HealthRules.NodeVerdict verdict = HealthRules.node(ProbeResult.up(3, "ok"), null, MEMBERS, NOW, MAX_AGE);
		assertThat(verdict.state()).isEqualTo(HealthState.UP);
		assertThat(verdict.alarms()).isEmpty();
		assertThat(verdict.connections()).isNull();
	}

	@Test
	void aMemoryAlarmDegradesAnAnsweringNode() {
		HealthRules.NodeVerdict verdict = HealthRules.node(ProbeResult.up(3, "ok"),
				report(facts("rabbit@a", MEMBERS, List.of(), true, false), NOW), MEMBERS, NOW, MAX_AGE);
		assertThat(verdict.state()).isEqualTo(HealthState.DEGRADED);
		assertThat(verdict.alarms()).singleElement().asString().startsWith("memory alarm");
		assertThat(verdict.connections()).isEqualTo(4);
	}

	@Test
	void aPartitionOrAMembershipOtherThanTheInventorysDegradesTheNode() {
		assertThat(HealthRules
			.node(ProbeResult.up(3, "ok"), report(facts("rabbit@a", MEMBERS, List.of("rabbit@c"), false, false), NOW),
					MEMBERS, NOW, MAX_AGE)
			.alarms()).containsExactly("partitioned from rabbit@c");
		HealthRules.NodeVerdict standalone = HealthRules.node(ProbeResult.up(3, "ok"),
				report(facts("rabbit@a", List.of("rabbit@a"), List.of(), false, false), NOW), MEMBERS, NOW, MAX_AGE);
		assertThat(standalone.state()).isEqualTo(HealthState.DEGRADED);
		assertThat(standalone.alarms()).containsExactly(
				"membership: the node sees [rabbit@a], the inventory's cluster is [rabbit@a, rabbit@b, rabbit@c]");
	}

	@Test
	void aStaleManagementAnswerIsIgnored() {
		HealthRules.NodeVerdict verdict = HealthRules.node(ProbeResult.up(3, "ok"),
				report(facts("rabbit@a", MEMBERS, List.of(), true, false), NOW.minusSeconds(60)), MEMBERS, NOW,
				MAX_AGE);
		assertThat(verdict.state()).isEqualTo(HealthState.UP);
	}

	@Test
	void aManagementApiThatFailsLeavesTheNodeUpAndSaysSo() {
		HealthRules.NodeVerdict verdict = HealthRules.node(ProbeResult.up(3, "ok"),
				ManagementReport.failed("the management API refused the login of 'x' (401)", NOW), MEMBERS, NOW,
				MAX_AGE);
		assertThat(verdict.state()).isEqualTo(HealthState.UP);
		assertThat(verdict.detail()).isEqualTo("ok; the management API refused the login of 'x' (401)");
	}

	@Test
	void aClusterWithEveryNodeUpIsHealthy() {
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(node("rabbit@a", HealthState.UP),
				node("rabbit@b", HealthState.UP), node("rabbit@c", HealthState.UP)),
				List.of(balancer("lb", HealthState.UP)));
		assertThat(verdict.status()).isEqualTo("healthy");
		assertThat(verdict.summary()).isEqualTo("healthy: 3 of 3 nodes up, 1 of 1 balancer up");
		assertThat(verdict.state()).isEqualTo(HealthState.UP);
	}

	@Test
	void oneNodeDownOfThreeIsDegraded() {
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(node("rabbit@a", HealthState.UP),
				node("rabbit@b", HealthState.DOWN), node("rabbit@c", HealthState.UP)), List.of());
		assertThat(verdict.status()).isEqualTo("degraded");
		assertThat(verdict.summary()).isEqualTo("degraded: 1 of 3 nodes down");
		assertThat(verdict.state()).isEqualTo(HealthState.DEGRADED);
	}

	@Test
	void downAndNotRespondingAreCountedApart() {
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(node("rabbit@a", HealthState.UP),
				node("rabbit@b", HealthState.DOWN), node("rabbit@c", HealthState.NOT_RESPONDING)), List.of());
		assertThat(verdict.summary()).isEqualTo("degraded: 1 of 3 nodes down, 1 not responding");
	}

	@Test
	void noNodeAnsweringIsDown() {
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(
				List.of(node("rabbit@a", HealthState.DOWN), node("rabbit@b", HealthState.NOT_RESPONDING)), List.of());
		assertThat(verdict.status()).isEqualTo("down");
		assertThat(verdict.summary()).isEqualTo("down: no node answers (1 of 2 nodes down, 1 not responding)");
		assertThat(verdict.state()).isEqualTo(HealthState.DOWN);
	}

	@Test
	void aNodeReportingAPartitionMakesTheClusterPartitioned() {
		NodeHealth a = node("rabbit@a", HealthState.DEGRADED,
				facts("rabbit@a", MEMBERS, List.of("rabbit@c"), false, false));
		HealthRules.ClusterVerdict verdict = HealthRules
			.cluster(List.of(a, node("rabbit@b", HealthState.UP), node("rabbit@c", HealthState.UP)), List.of());
		assertThat(verdict.status()).isEqualTo("partitioned");
		assertThat(verdict.summary()).isEqualTo("partitioned: rabbit@a is partitioned from rabbit@c");
	}

	@Test
	void standaloneNodesRegisteredAsOneClusterDisagreeOnMembership() {
		NodeHealth a = node("rabbit@a", HealthState.DEGRADED,
				facts("rabbit@a", List.of("rabbit@a"), List.of(), false, false));
		NodeHealth b = node("rabbit@b", HealthState.DEGRADED,
				facts("rabbit@b", List.of("rabbit@b"), List.of(), false, false));
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(a, b), List.of());
		assertThat(verdict.status()).isEqualTo("degraded");
		assertThat(verdict.summary()).isEqualTo(
				"degraded: membership differs from the inventory (rabbit@a sees [rabbit@a]; rabbit@b sees [rabbit@b])");
	}

	@Test
	void aMemberThePeersSeeStoppedIsReportedEvenBeforeItsOwnProbeSaysSo() {
		NodeHealth.ManagementFacts seen = new NodeHealth.ManagementFacts(true, 1L, 1L, 100L, 1L, 10L, 10L, MEMBERS,
				List.of("rabbit@a", "rabbit@b"), List.of(), false, false, NOW);
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(node("rabbit@a", HealthState.UP, seen),
				node("rabbit@b", HealthState.UP, seen), node("rabbit@c", HealthState.UP)), List.of());
		assertThat(verdict.summary()).isEqualTo("degraded: [rabbit@c] not running as the other members see it");
	}

	@Test
	void aBalancerDownDegradesTheCluster() {
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(node("rabbit@a", HealthState.UP)),
				List.of(balancer("lb-1", HealthState.DOWN)));
		assertThat(verdict.summary()).isEqualTo("degraded: balancer lb-1 down");
	}

	@Test
	void aClusterNotProbedYetIsUnknown() {
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(List.of(node("rabbit@a", HealthState.UNKNOWN)),
				List.of());
		assertThat(verdict.status()).isEqualTo("unknown");
		assertThat(HealthRules.cluster(List.of(), List.of()).summary()).isEqualTo("unknown: no members");
	}

	@Test
	void nodesInNoClusterAreCountedByState() {
		HealthRules.ClusterVerdict verdict = HealthRules
			.unclustered(List.of(node("rabbit@a", HealthState.UP), node("rabbit@b", HealthState.DOWN)));
		assertThat(verdict.status()).isEqualTo("standalone");
		assertThat(verdict.summary()).isEqualTo("2 nodes in no cluster: 1 up, 1 down");
	}

	static NodeHealth.ManagementFacts facts(String self, List<String> members, List<String> partitions,
			boolean memoryAlarm, boolean diskAlarm) {
		return new NodeHealth.ManagementFacts(true, 1000L, 40L, 20000L, 100L << 20, 1000L << 20, 1L << 30, members,
				members, partitions, memoryAlarm, diskAlarm, NOW);
	}

	static ManagementReport report(NodeHealth.ManagementFacts facts, Instant at) {
		return new ManagementReport(facts, 4, null, at);
	}

	static NodeHealth node(String name, HealthState state) {
		return node(name, state, null);
	}

	static NodeHealth node(String name, HealthState state, NodeHealth.ManagementFacts facts) {
		return new NodeHealth(name.hashCode(), name, name, state, NOW, state.answers() ? 2L : null,
				(state == HealthState.DEGRADED && facts != null) ? HealthRules.alarms(facts, MEMBERS) : List.of(), null,
				state.name(), 1L, NOW, facts);
	}

	static BalancerHealth balancer(String name, HealthState state) {
		return new BalancerHealth(name.hashCode(), name, state, NOW, null, state.name(), 1L, "127.0.0.1:5690", NOW);
	}

}
