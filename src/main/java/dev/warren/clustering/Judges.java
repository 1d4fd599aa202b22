package dev.warren.clustering;

import java.util.List;
import java.util.function.Function;

import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.remote.CommandResult;

/**
 * Verdicts on answers whose exit code says too little.
 */
final class Judges {

	private Judges() {
	}

	/** cluster_status shows every one of {@code nodes} running, and no partition. */
	static Function<CommandResult, String> running(List<String> nodes) {
		return (result) -> {
			ClusterStatus status;
			try {
				status = ClusterStatus.parse(result.stdout());
			}
			catch (RuntimeException ex) {
				return "cluster_status did not answer with JSON (" + ex.getMessage() + ")";
			}
			List<String> missing = nodes.stream().filter((node) -> !status.runningNodes().contains(node)).toList();
			if (!missing.isEmpty()) {
				return "not running in the cluster: " + String.join(", ", missing) + " (running: "
						+ String.join(", ", status.runningNodes()) + ")";
			}
			if (status.hasPartitions()) {
				return "network partitions: " + status.partitions();
			}
			return null;
		};
	}

	/** The answer mentions {@code text}. */
	static Function<CommandResult, String> contains(String text) {
		return (result) -> result.stdout().contains(text) ? null
				: "expected '" + text + "' in the answer, got: " + result.stdout().strip();
	}

}
