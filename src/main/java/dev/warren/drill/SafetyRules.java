package dev.warren.drill;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.warren.balancer.BalancerView;
import dev.warren.clustering.PreflightCheck;
import dev.warren.clustering.PreflightCheck.Verdict;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.ClusterStatus;

/**
 * Whether a node may be stopped for a drill, read only: the cluster must keep running
 * without it, and the drill needs a balancer to send its traffic through. A one-node
 * cluster is refused, a two-node cluster is warned about.
 */
final class SafetyRules {

	private SafetyRules() {
	}

	/**
	 * @param readings each member's own view of the cluster (or why it could not be read)
	 * @param fronting the balancers that front the cluster
	 * @param balancer the one chosen, or {@code null}
	 * @param endpointProblem why no AMQP client can go through the balancer, or
	 * {@code null}
	 */
	static List<PreflightCheck> check(ClusterView cluster, ServerView victim, List<NodeReading> readings,
			List<BalancerView> fronting, BalancerView balancer, String endpointProblem) {
		List<PreflightCheck> checks = new ArrayList<>();
		int size = cluster.memberServerIds().size();
		if (size < 2) {
			checks.add(check("cluster", "Cluster size", Verdict.FAIL, "'" + cluster.name() + "' has " + size
					+ " member: stopping it stops the whole cluster. A drill needs at least two nodes."));
		}
		else if (size == 2) {
			checks.add(check("cluster", "Cluster size", Verdict.WARN, "A two-node cluster runs on one node during the "
					+ "drill: quorum queues lose their majority, so the drill uses a classic queue on the other node. "
					+ "Three nodes are recommended."));
		}
		else {
			checks.add(check("cluster", "Cluster size", Verdict.PASS,
					size + " members: " + (size - 1) + " keep serving while " + victim.nodeName() + " is stopped"));
		}
		Set<String> members = new LinkedHashSet<>();
		readings.forEach((reading) -> members.add(reading.server().nodeName()));
		Set<String> running = new LinkedHashSet<>();
		Set<String> stopped = new LinkedHashSet<>();
		boolean partitioned = false;
		for (NodeReading reading : readings) {
			ServerView server = reading.server();
			boolean isVictim = server.id() == victim.id();
			if (reading.status() == null) {
				checks.add(new PreflightCheck(server.name(), isVictim ? "Node to stop" : "Member", Verdict.FAIL,
						server.nodeName() + " cannot be read: " + reading.problem(), reading.command(),
						reading.output()));
				continue;
			}
			ClusterStatus status = reading.status();
			running.addAll(status.runningNodes());
			stopped.addAll(status.stoppedNodes());
			partitioned |= status.hasPartitions();
			List<String> missing = members.stream().filter((node) -> !status.diskNodes().contains(node)).toList();
			boolean self = status.runningNodes().contains(server.nodeName());
			if (!missing.isEmpty()) {
				checks.add(new PreflightCheck(
						server.name(), isVictim ? "Node to stop" : "Member", Verdict.FAIL, server.nodeName()
								+ " is not clustered with " + String.join(", ", missing) + ": join the nodes first",
						reading.command(), reading.output()));
			}
			else if (!self) {
				checks.add(new PreflightCheck(server.name(), isVictim ? "Node to stop" : "Member", Verdict.FAIL,
						server.nodeName() + "'s application is not running", reading.command(), reading.output()));
			}
			else {
				checks.add(new PreflightCheck(server.name(), isVictim ? "Node to stop" : "Member", Verdict.PASS,
						server.nodeName() + " runs; it sees members " + status.diskNodes() + ", running "
								+ status.runningNodes()
								+ (status.hasAlarms() ? "; alarms: " + String.join(", ", status.alarms()) : ""),
						reading.command(), reading.output()));
			}
		}
		List<String> notRunning = members.stream()
			.filter((node) -> stopped.contains(node) || !running.contains(node))
			.toList();
		if (!readings.isEmpty()) {
			checks.add(check("cluster", "Every member running", notRunning.isEmpty() ? Verdict.PASS : Verdict.FAIL,
					notRunning.isEmpty() ? "All " + members.size() + " members run" : "Not running: "
							+ String.join(", ", notRunning) + ". Stopping another node now could stop the cluster."));
			checks.add(check("cluster", "Partitions", partitioned ? Verdict.FAIL : Verdict.PASS,
					partitioned ? "A network partition is in effect: heal it before a drill" : "No partitions"));
		}
		if (fronting.isEmpty()) {
			checks.add(check("balancer", "Balancer", Verdict.FAIL, "No balancer fronts '" + cluster.name()
					+ "': describe the one clients use (Balancers page), then run the drill through it"));
		}
		else if (balancer == null) {
			checks.add(check("balancer", "Balancer", Verdict.FAIL, fronting.size() + " balancers front '"
					+ cluster.name() + "': choose the one to send traffic through"));
		}
		else if (endpointProblem != null) {
			checks.add(check(balancer.name(), "Balancer", Verdict.FAIL, endpointProblem));
		}
		else {
			checks.add(check(balancer.name(), "Balancer", Verdict.PASS, "Traffic goes through " + balancer.kind() + " "
					+ balancer.name() + " at " + balancer.listenAddress() + ":" + balancer.listenPort()));
		}
		return checks;
	}

	static boolean passed(List<PreflightCheck> checks) {
		return checks.stream().noneMatch(PreflightCheck::failed);
	}

	private static PreflightCheck check(String where, String what, Verdict verdict, String detail) {
		return new PreflightCheck(where, what, verdict, detail, null, null);
	}

	/**
	 * A member's own view of its cluster ({@code cluster_status}), or why it could not be
	 * read.
	 */
	record NodeReading(ServerView server, ClusterStatus status, String problem, String command, String output) {

	}

}
