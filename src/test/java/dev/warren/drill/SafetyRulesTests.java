package dev.warren.drill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warren.balancer.BalancerKind;
import dev.warren.balancer.BalancerView;
import dev.warren.balancer.BalancingMethod;
import dev.warren.balancer.NginxLayout;
import dev.warren.clustering.PreflightCheck;
import dev.warren.clustering.PreflightCheck.Verdict;
import dev.warren.drill.SafetyRules.NodeReading;
import dev.warren.inventory.AuthType;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.ClusterStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyRulesTests {

	private final ServerView a = server(1, "rabbit@a");

	private final ServerView b = server(2, "hare@b");

	private final ServerView c = server(3, "bunny@c");

	private final BalancerView nginx = balancer(7);

	@Test
	void passesWhenEveryMemberRunsAndABalancerFrontsTheCluster() {
		List<PreflightCheck> checks = check(List.of(this.a, this.b, this.c), healthy(this.a, this.b, this.c),
				List.of(this.nginx), this.nginx, null);
		assertThat(SafetyRules.passed(checks)).as(checks.toString()).isTrue();
		assertThat(checks).noneMatch((check) -> check.verdict() == Verdict.WARN);
	}

	@Test
	void refusesAOneNodeCluster() {
		List<PreflightCheck> checks = check(List.of(this.b), healthy(this.b), List.of(this.nginx), this.nginx, null);
		assertThat(SafetyRules.passed(checks)).isFalse();
		assertThat(failed(checks)).anyMatch((detail) -> detail.contains("needs at least two nodes"));
	}

	@Test
	void warnsButAllowsATwoNodeCluster() {
		List<PreflightCheck> checks = check(List.of(this.a, this.b), healthy(this.a, this.b), List.of(this.nginx),
				this.nginx, null);
		assertThat(SafetyRules.passed(checks)).isTrue();
		assertThat(checks).anyMatch((check) -> check.verdict() == Verdict.WARN && check.detail().contains("two-node"));
	}

	@Test
	void refusesWhenAnotherMemberIsStopped() {
		ClusterStatus withCStopped = status(List.of("rabbit@a", "hare@b", "bunny@c"), List.of("rabbit@a", "hare@b"),
				Map.of());
		List<NodeReading> readings = List.of(reading(this.a, withCStopped), reading(this.b, withCStopped),
				new NodeReading(this.c, null, "the node is not running", "rabbitmqctl cluster_status", "Error"));
		List<PreflightCheck> checks = check(List.of(this.a, this.b, this.c), readings, List.of(this.nginx), this.nginx,
				null);
		assertThat(SafetyRules.passed(checks)).isFalse();
		assertThat(failed(checks)).anyMatch((detail) -> detail.contains("Not running: bunny@c"));
	}

	@Test
	void refusesWhenTheNodeToStopIsNotRunning() {
		ClusterStatus status = status(List.of("rabbit@a", "hare@b", "bunny@c"), List.of("rabbit@a", "bunny@c"),
				Map.of());
		List<PreflightCheck> checks = check(List.of(this.a, this.b, this.c),
				List.of(reading(this.a, status), reading(this.b, status), reading(this.c, status)), List.of(this.nginx),
				this.nginx, null);
		assertThat(failed(checks)).anyMatch((detail) -> detail.contains("hare@b's application is not running"));
	}

	@Test
	void refusesDuringAPartition() {
		ClusterStatus partitioned = status(List.of("rabbit@a", "hare@b", "bunny@c"),
				List.of("rabbit@a", "hare@b", "bunny@c"), Map.of("rabbit@a", List.of("bunny@c")));
		List<PreflightCheck> checks = check(List.of(this.a, this.b, this.c),
				List.of(reading(this.a, partitioned), reading(this.b, partitioned), reading(this.c, partitioned)),
				List.of(this.nginx), this.nginx, null);
		assertThat(failed(checks)).anyMatch((detail) -> detail.contains("partition"));
	}

	@Test
	void refusesNodesThatAreNotClusteredTogether() {
		ClusterStatus alone = status(List.of("hare@b"), List.of("hare@b"), Map.of());
		List<NodeReading> readings = new ArrayList<>(healthy(this.a, this.c));
		readings.add(1, reading(this.b, alone));
		List<PreflightCheck> checks = check(List.of(this.a, this.b, this.c), readings, List.of(this.nginx), this.nginx,
				null);
		assertThat(failed(checks)).anyMatch((detail) -> detail.contains("is not clustered with"));
	}

	@Test
	void refusesWithoutABalancerAndAsksToChooseAmongSeveral() {
		List<ServerView> members = List.of(this.a, this.b, this.c);
		assertThat(failed(check(members, healthy(this.a, this.b, this.c), List.of(), null, null)))
			.anyMatch((detail) -> detail.contains("No balancer fronts"));
		assertThat(
				failed(check(members, healthy(this.a, this.b, this.c), List.of(this.nginx, balancer(8)), null, null)))
			.anyMatch((detail) -> detail.contains("choose the one"));
	}

	@Test
	void refusesWhenNoClientCanLogInThroughTheBalancer() {
		List<PreflightCheck> checks = check(List.of(this.a, this.b, this.c), healthy(this.a, this.b, this.c),
				List.of(this.nginx), this.nginx, "guest may only log in over loopback");
		assertThat(failed(checks)).containsExactly("guest may only log in over loopback");
	}

	private List<PreflightCheck> check(List<ServerView> members, List<NodeReading> readings,
			List<BalancerView> fronting, BalancerView balancer, String endpointProblem) {
		ClusterView cluster = new ClusterView(9, "prod", members.get(0).id(),
				members.stream().map(ServerView::id).toList(), List.of(), Instant.EPOCH, Instant.EPOCH);
		return SafetyRules.check(cluster, this.b, readings, fronting, balancer, endpointProblem);
	}

	private static List<String> failed(List<PreflightCheck> checks) {
		return checks.stream().filter(PreflightCheck::failed).map(PreflightCheck::detail).toList();
	}

	private static List<NodeReading> healthy(ServerView... servers) {
		List<String> nodes = java.util.Arrays.stream(servers).map(ServerView::nodeName).toList();
		ClusterStatus status = status(nodes, nodes, Map.of());
		return java.util.Arrays.stream(servers).map((server) -> reading(server, status)).toList();
	}

	private static NodeReading reading(ServerView server, ClusterStatus status) {
		return new NodeReading(server, status, null, "rabbitmqctl cluster_status", "{}");
	}

	private static ClusterStatus status(List<String> disk, List<String> running, Map<String, List<String>> partitions) {
		return new ClusterStatus("prod", disk, running, partitions, List.of(), Map.of());
	}

	private static ServerView server(long id, String nodeName) {
		return new ServerView(id, "srv-" + id, "host-" + id, 22, "root",
				new ServerView.AuthView(AuthType.PASSWORD, true, false, false), OperatingSystem.LINUX, nodeName, 5672,
				15672, null, false, null, false, List.of(), Instant.EPOCH, Instant.EPOCH);
	}

	private static BalancerView balancer(long id) {
		return new BalancerView(id, "nginx-" + id, BalancerKind.NGINX, 9, "prod", 1, "srv-1", "127.0.0.1", 5690,
				"/etc/nginx/nginx.conf", "nginx -t", "nginx -s reload", Instant.EPOCH, Instant.EPOCH,
				BalancingMethod.ROUND_ROBIN, 5, 120, 1, 10, 1000, 2, 1, false, 15672, false, NginxLayout.FULL_CONFIG,
				dev.warren.balancer.FileAccess.SUDO, List.of(), "rabbitmq_amqp", null, null);
	}

}
