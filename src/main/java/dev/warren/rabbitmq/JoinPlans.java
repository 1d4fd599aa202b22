package dev.warren.rabbitmq;

import java.time.Duration;
import java.util.List;

/**
 * The commands that make one node join the cluster of another, for the version both run.
 *
 * <p>
 * Up to 4.0 the node's app must be stopped first: {@code join_cluster} refuses a running
 * node (exit 64, "this command requires the 'rabbit' app to be stopped"), resets it,
 * joins, and leaves it stopped for {@code start_app}.
 *
 * <p>
 * From 4.1, {@code join_cluster} does all of it. The Clustering Guide of 4.1 and later
 * ("Creating a Cluster without Peer Discovery", rabbitmq.com/docs/clustering): "Starting
 * with RabbitMQ 4.1.0, nodes no longer need to be stopped and reset before joining
 * another node. rabbitmqctl join_cluster performs the necessary preparations", and its
 * transcript runs {@code join_cluster} alone, after which the node is listed as running.
 * The server side is {@code rabbit_db_cluster:join/2} (rabbitmq-server, introduced by PR
 * #9782): it notes whether {@code rabbit} runs, stops it, resets the node, joins, and
 * then "Restart RabbitMQ afterwards, if it was running before the join", whether the join
 * succeeded or not. So {@code join_cluster} also starts the app again, and a separate
 * {@code start_app} is not planned; {@code await_startup} verifies that it came back. (A
 * node whose app was already stopped stays stopped: the plan assumes, as the wizard's
 * preflight checks, that the joining node runs.)
 *
 * <p>
 * Either way the joining node loses its own data (queues, messages, users): joining is
 * destructive.
 */
public final class JoinPlans {

	static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private JoinPlans() {
	}

	/**
	 * @param version the RabbitMQ version of the joining node (it must be in the
	 * primary's release series, see {@link RabbitmqVersion#isCompatibleForClustering})
	 * @throws IllegalArgumentException when {@code joining} and {@code primary} are the
	 * same node
	 */
	public static List<PlannedStep> plan(RabbitmqVersion version, RabbitmqNode joining, RabbitmqNode primary) {
		if (joining.nodeName().equals(primary.nodeName())) {
			throw new IllegalArgumentException(joining.nodeName() + " cannot join itself");
		}
		String node = joining.nodeName();
		String target = primary.nodeName();
		PlannedStep verify = new PlannedStep(primary,
				"Check that " + target + " lists " + node + " among its running cluster members",
				RabbitmqCommands.clusterStatus(primary), PlannedStep.Kind.VERIFY);
		if (version.joinStopsAndResetsNode()) {
			return List.of(
					new PlannedStep(joining,
							"Join " + node + " to the cluster of " + target + " (RabbitMQ " + version.series()
									+ " stops, resets and restarts " + node + " by itself; its own data is lost)",
							RabbitmqCommands.joinCluster(joining, target), PlannedStep.Kind.JOIN),
					new PlannedStep(joining, "Wait until RabbitMQ on " + node + " has started again",
							RabbitmqCommands.awaitStartup(joining, STARTUP_TIMEOUT), PlannedStep.Kind.VERIFY),
					verify);
		}
		return List.of(
				new PlannedStep(joining, "Stop the RabbitMQ application on " + node, RabbitmqCommands.stopApp(joining),
						PlannedStep.Kind.STOP_APP),
				new PlannedStep(joining,
						"Join " + node + " to the cluster of " + target + " (resets " + node
								+ ": its own data is lost)",
						RabbitmqCommands.joinCluster(joining, target), PlannedStep.Kind.JOIN),
				new PlannedStep(joining, "Start the RabbitMQ application on " + node,
						RabbitmqCommands.startApp(joining), PlannedStep.Kind.START_APP),
				verify);
	}

}
