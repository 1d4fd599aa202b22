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

	/**
	 * A judge that can also say, in one line, what the answer showed: the run page shows
	 * that line above the raw output.
	 */
	interface Described extends Function<CommandResult, String> {

		String describe(CommandResult result);

	}

	/** cluster_status shows every one of {@code nodes} running, and no partition. */
	static Function<CommandResult, String> running(List<String> nodes) {
		return new Described() {

			@Override
			public String describe(CommandResult result) {
				try {
					ClusterStatus status = ClusterStatus.parse(result.stdout());
					return "members " + String.join(", ", status.diskNodes()) + " · running "
							+ String.join(", ", status.runningNodes()) + " · "
							+ (status.hasPartitions() ? "PARTITIONS " + status.partitions() : "no partitions");
				}
				catch (RuntimeException ex) {
					return "unreadable answer";
				}
			}

			@Override
			public String apply(CommandResult result) {
				return judgeRunning(nodes, result);
			}

		};
	}

	private static String judgeRunning(List<String> nodes, CommandResult result) {
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
	}

	/** The answer mentions {@code text}. */
	static Function<CommandResult, String> contains(String text) {
		return (result) -> result.stdout().contains(text) ? null
				: "expected '" + text + "' in the answer, got: " + result.stdout().strip();
	}

}
