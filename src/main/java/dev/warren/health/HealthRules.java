package dev.warren.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that turn probe results into states, and a cluster's nodes and balancers into
 * its status and summary. Pure functions, so that every rule has a unit test.
 * <p>
 * A node's state is about the node itself: its AMQP round trip decides UP, NOT_RESPONDING
 * or DOWN; an answering node is DEGRADED when its management API reports an alarm, a
 * partition, itself not running, file descriptors nearly exhausted, or a member list that
 * differs from the inventory's cluster. A peer being down does not degrade a node; it
 * degrades the cluster.
 */
final class HealthRules {

	/** File descriptor use above this share is reported as an alarm. */
	static final double FD_ALARM_SHARE = 0.9;

	private HealthRules() {
	}

	record NodeVerdict(HealthState state, String detail, List<String> alarms, Integer connections,
			NodeHealth.ManagementFacts facts) {

	}

	record ClusterVerdict(String status, String summary, HealthState state) {

	}

	/**
	 * @param amqp the last AMQP round trip, {@code null} before the first
	 * @param management the last management API visit, {@code null} when there is none
	 * @param expectedMembers the node names the inventory puts in the node's cluster
	 * (empty for a node in no cluster)
	 * @param now the time now, to ignore stale management answers
	 * @param maxAge how old a management answer may be to count
	 */
	static NodeVerdict node(ProbeResult amqp, ManagementReport management, List<String> expectedMembers, Instant now,
			Duration maxAge) {
		if (amqp == null) {
			return new NodeVerdict(HealthState.UNKNOWN, "not probed yet", List.of(), null, null);
		}
		if (amqp.state() != HealthState.UP) {
			return new NodeVerdict(amqp.state(), amqp.detail(), List.of(), null, null);
		}
		boolean fresh = management != null && management.at() != null && !management.at().plus(maxAge).isBefore(now);
		if (!fresh || management.facts() == null) {
			String detail = amqp.detail();
			if (fresh && management.error() != null) {
				detail += "; " + management.error();
			}
			return new NodeVerdict(HealthState.UP, detail, List.of(), null, null);
		}
		List<String> alarms = alarms(management.facts(), expectedMembers);
		String detail = amqp.detail() + (alarms.isEmpty() ? "" : "; " + String.join("; ", alarms));
		return new NodeVerdict(alarms.isEmpty() ? HealthState.UP : HealthState.DEGRADED, detail, alarms,
				management.connections(), management.facts());
	}

	static List<String> alarms(NodeHealth.ManagementFacts facts, List<String> expectedMembers) {
		List<String> alarms = new ArrayList<>();
		if (!facts.running()) {
			alarms.add("the management API reports the node not running");
		}
		if (facts.memoryAlarm()) {
			alarms.add("memory alarm: " + mib(facts.memUsed()) + " used, high watermark " + mib(facts.memLimit()));
		}
		if (facts.diskAlarm()) {
			alarms.add("disk alarm: " + mib(facts.diskFree()) + " free");
		}
		if (!facts.partitions().isEmpty()) {
			alarms.add("partitioned from " + String.join(", ", facts.partitions()));
		}
		if (facts.fdUsed() != null && facts.fdTotal() != null && facts.fdTotal() > 0
				&& facts.fdUsed() > facts.fdTotal() * FD_ALARM_SHARE) {
			alarms.add("file descriptors: " + facts.fdUsed() + " of " + facts.fdTotal() + " in use");
		}
		if (!expectedMembers.isEmpty() && !Set.copyOf(facts.members()).equals(Set.copyOf(expectedMembers))) {
			alarms.add("membership: the node sees " + list(facts.members()) + ", the inventory's cluster is "
					+ list(expectedMembers));
		}
		return List.copyOf(alarms);
	}

	/**
	 * A cluster's status from its members' and balancers' states.
	 */
	static ClusterVerdict cluster(List<NodeHealth> nodes, List<BalancerHealth> balancers) {
		int total = nodes.size();
		if (total == 0) {
			return new ClusterVerdict("unknown", "unknown: no members", HealthState.UNKNOWN);
		}
		List<NodeHealth> known = nodes.stream().filter((node) -> node.state() != HealthState.UNKNOWN).toList();
		if (known.isEmpty()) {
			return new ClusterVerdict("unknown", "unknown: " + nodes.get(0).detail(), HealthState.UNKNOWN);
		}
		long down = count(nodes, HealthState.DOWN);
		long notResponding = count(nodes, HealthState.NOT_RESPONDING);
		if (down + notResponding == known.size()) {
			return new ClusterVerdict("down", "down: no node answers (" + failures(total, down, notResponding) + ")",
					HealthState.DOWN);
		}
		List<String> partitions = new ArrayList<>();
		for (NodeHealth node : nodes) {
			if (node.state().answers() && node.management() != null && !node.management().partitions().isEmpty()) {
				partitions
					.add(node.nodeName() + " is partitioned from " + String.join(", ", node.management().partitions()));
			}
		}
		if (!partitions.isEmpty()) {
			return new ClusterVerdict("partitioned", "partitioned: " + String.join("; ", partitions),
					HealthState.DEGRADED);
		}
		List<String> problems = new ArrayList<>();
		if (down + notResponding > 0) {
			problems.add(failures(total, down, notResponding));
		}
		Set<String> notRunningAsSeen = new LinkedHashSet<>();
		Set<Set<String>> memberLists = new LinkedHashSet<>();
		for (NodeHealth node : nodes) {
			if (node.state().answers() && node.management() != null) {
				memberLists.add(Set.copyOf(node.management().members()));
				for (String member : node.management().members()) {
					if (!node.management().runningMembers().contains(member)) {
						notRunningAsSeen.add(member);
					}
				}
			}
		}
		nodes.stream()
			.filter((node) -> !node.state().answers())
			.forEach((node) -> notRunningAsSeen.remove(node.nodeName()));
		if (!notRunningAsSeen.isEmpty()) {
			problems.add(list(List.copyOf(notRunningAsSeen)) + " not running as the other members see it");
		}
		Set<String> expected = Set.copyOf(nodes.stream().map(NodeHealth::nodeName).toList());
		if (memberLists.size() > 1 || memberLists.stream().anyMatch((members) -> !members.equals(expected))) {
			problems.add("membership differs from the inventory (" + String.join("; ",
					nodes.stream()
						.filter((node) -> node.state().answers() && node.management() != null)
						.map((node) -> node.nodeName() + " sees " + list(node.management().members()))
						.toList())
					+ ")");
		}
		for (NodeHealth node : nodes) {
			if (node.state() == HealthState.DEGRADED) {
				node.alarms()
					.stream()
					.filter((alarm) -> !alarm.startsWith("membership:"))
					.forEach((alarm) -> problems.add(node.nodeName() + ": " + alarm));
			}
		}
		for (BalancerHealth balancer : balancers) {
			if (balancer.state() == HealthState.DOWN || balancer.state() == HealthState.NOT_RESPONDING) {
				problems.add("balancer " + balancer.name() + " "
						+ ((balancer.state() == HealthState.DOWN) ? "down" : "not responding"));
			}
		}
		if (!problems.isEmpty()) {
			return new ClusterVerdict("degraded", "degraded: " + String.join("; ", problems), HealthState.DEGRADED);
		}
		long unknown = total - known.size();
		long balancersUp = balancers.stream().filter((balancer) -> balancer.state().answers()).count();
		return new ClusterVerdict("healthy",
				"healthy: " + known.size() + " of " + total + " nodes up"
						+ ((unknown > 0) ? " (" + unknown + " not probed)" : "")
						+ (balancers.isEmpty() ? ""
								: ", " + balancersUp + " of " + balancers.size()
										+ ((balancers.size() == 1) ? " balancer" : " balancers") + " up"),
				HealthState.UP);
	}

	/**
	 * The pseudo-entry for servers in no cluster: no membership to judge, only how many
	 * answer.
	 */
	static ClusterVerdict unclustered(List<NodeHealth> nodes) {
		long up = nodes.stream().filter((node) -> node.state().answers()).count();
		long down = count(nodes, HealthState.DOWN);
		long notResponding = count(nodes, HealthState.NOT_RESPONDING);
		long unknown = count(nodes, HealthState.UNKNOWN);
		List<String> parts = new ArrayList<>();
		parts.add(up + " up");
		if (down > 0) {
			parts.add(down + " down");
		}
		if (notResponding > 0) {
			parts.add(notResponding + " not responding");
		}
		if (unknown > 0) {
			parts.add(unknown + " unknown");
		}
		HealthState state = (down + notResponding > 0) ? HealthState.DEGRADED
				: (unknown == nodes.size()) ? HealthState.UNKNOWN : HealthState.UP;
		return new ClusterVerdict("standalone", nodes.size() + ((nodes.size() == 1) ? " node" : " nodes")
				+ " in no cluster: " + String.join(", ", parts), state);
	}

	private static String failures(int total, long down, long notResponding) {
		List<String> parts = new ArrayList<>();
		if (down > 0) {
			parts.add(down + " of " + total + " nodes down");
		}
		if (notResponding > 0) {
			parts
				.add(((down > 0) ? notResponding + "" : notResponding + " of " + total + " nodes") + " not responding");
		}
		return String.join(", ", parts);
	}

	private static long count(List<NodeHealth> nodes, HealthState state) {
		return nodes.stream().filter((node) -> node.state() == state).count();
	}

	private static String list(List<String> names) {
		return "[" + String.join(", ", names.stream().sorted().toList()) + "]";
	}

	private static String mib(Long bytes) {
		return (bytes != null) ? (bytes / (1024 * 1024)) + " MiB" : "?";
	}

}
