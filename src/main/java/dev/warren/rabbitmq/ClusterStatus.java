package dev.warren.rabbitmq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What {@code rabbitmqctl cluster_status --formatter json} says about the cluster of the
 * node it asked. A stopped member stays in {@code diskNodes} and leaves
 * {@code runningNodes}; each standalone node reports its own name as cluster name until
 * {@code set_cluster_name} runs.
 *
 * @param partitions each node that saw a network partition, with the nodes it lost
 * @param alarms resource alarms in effect, e.g. "memory alarm on hare@vm"
 * @param rabbitmqVersions the RabbitMQ version of each running node
 */
public record ClusterStatus(String clusterName, List<String> diskNodes, List<String> runningNodes,
		Map<String, List<String>> partitions, List<String> alarms, Map<String, String> rabbitmqVersions) {

	public ClusterStatus {
		diskNodes = List.copyOf(diskNodes);
		runningNodes = List.copyOf(runningNodes);
		Map<String, List<String>> copied = new LinkedHashMap<>();
		partitions.forEach((node, lost) -> copied.put(node, List.copyOf(lost)));
		partitions = CliJson.unmodifiable(copied);
		alarms = List.copyOf(alarms);
		rabbitmqVersions = CliJson.unmodifiable(rabbitmqVersions);
	}

	/**
	 * @throws IllegalArgumentException when the output holds no cluster status
	 */
	public static ClusterStatus parse(String json) {
		JsonNode root = CliJson.object(json, "cluster_status");
		if (!root.has("running_nodes")) {
			throw new IllegalArgumentException(
					"The cluster_status output has no running_nodes: " + CliJson.abbreviate(json));
		}
		Map<String, String> versions = new LinkedHashMap<>();
		JsonNode versionsNode = root.path("versions");
		if (versionsNode.isObject()) {
			versionsNode.properties().forEach((entry) -> {
				String version = CliJson.text(entry.getValue(), "rabbitmq_version");
				if (version != null) {
					versions.put(entry.getKey(), version);
				}
			});
		}
		return new ClusterStatus(CliJson.text(root, "cluster_name"), CliJson.strings(root, "disk_nodes"),
				CliJson.strings(root, "running_nodes"), partitions(root.path("partitions")),
				CliJson.alarms(root, "alarms"), versions);
	}

	/**
	 * {@code {"rabbit@a": ["rabbit@b"]}} as RabbitMQ prints it; older releases printed a
	 * list of {@code {"node", "partitions"}} objects, accepted too.
	 */
	private static Map<String, List<String>> partitions(JsonNode partitions) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		if (partitions.isObject()) {
			partitions.properties().forEach((entry) -> result.put(entry.getKey(), nodes(entry.getValue())));
		}
		else if (partitions.isArray()) {
			for (JsonNode element : partitions.values()) {
				String node = CliJson.text(element, "node");
				if (node != null) {
					result.put(node, nodes(element.path("partitions")));
				}
			}
		}
		return result;
	}

	private static List<String> nodes(JsonNode list) {
		List<String> nodes = new ArrayList<>();
		if (list.isArray()) {
			list.values().forEach((node) -> nodes.add(node.asString()));
		}
		else if (list.isString()) {
			nodes.add(list.asString());
		}
		return nodes;
	}

	public boolean hasPartitions() {
		return this.partitions.values().stream().anyMatch((lost) -> !lost.isEmpty());
	}

	public boolean hasAlarms() {
		return !this.alarms.isEmpty();
	}

	/** Members that are not running: their app is stopped or they are down. */
	public List<String> stoppedNodes() {
		return this.diskNodes.stream().filter((node) -> !this.runningNodes.contains(node)).toList();
	}

	/** Whether every one of {@code nodes} is a running member. */
	public boolean includesAllRunning(Collection<String> nodes) {
		return this.runningNodes.containsAll(nodes);
	}

	/** Whether every one of {@code nodes} is a member, running or not. */
	public boolean includesAll(Collection<String> nodes) {
		return nodes.stream().allMatch((node) -> this.diskNodes.contains(node) || this.runningNodes.contains(node));
	}

	/** Whether the running members report more than one release series. */
	public boolean hasMixedVersions() {
		return this.rabbitmqVersions.values().stream().map((version) -> {
			try {
				return RabbitmqVersion.parse(version).series();
			}
			catch (IllegalArgumentException ex) {
				return version;
			}
		}).distinct().count() > 1;
	}

}
