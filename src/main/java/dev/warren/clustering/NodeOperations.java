package dev.warren.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.warren.clustering.PreflightCheck.Verdict;
import dev.warren.inventory.ClusterCommand;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.CliErrors;
import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.rabbitmq.PlannedStep;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import dev.warren.shared.Actor;
import dev.warren.shared.InvalidFieldException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Operations on one member of a cluster, each a run with its own checks first: restart a
 * node's RabbitMQ application, or take a node out of the cluster.
 */
@Service
public class NodeOperations {

	private final Clusters clusters;

	private final Servers servers;

	private final RemoteShells shells;

	private final RunRecorder recorder;

	private final RunEvents events;

	private final Executor executor;

	private final ClusteringProperties properties;

	NodeOperations(Clusters clusters, Servers servers, RemoteShells shells, RunRecorder recorder, RunEvents events,
			@Qualifier("clusteringExecutor") Executor executor, ClusteringProperties properties) {
		this.clusters = clusters;
		this.servers = servers;
		this.shells = shells;
		this.recorder = recorder;
		this.events = events;
		this.executor = executor;
		this.properties = properties;
	}

	/**
	 * Stops and starts the node's application, checking first that the rest of the
	 * cluster runs.
	 */
	public long restart(long clusterId, long serverId, String actor) {
		ClusterView cluster = this.clusters.get(clusterId);
		ServerView server = member(cluster, serverId);
		long runId = this.recorder.create(RunKind.RESTART_NODE, clusterId,
				"Restart " + server.nodeName() + " in " + cluster.name(), actor, null);
		this.executor.execute(() -> guarded(runId, () -> runRestart(runId, cluster, server, actor)));
		return runId;
	}

	/**
	 * Takes the node out of the cluster: {@code stop_app}, {@code reset},
	 * {@code start_app} on it (it then runs standalone), or, when it cannot be reached,
	 * {@code forget_cluster_node} on the primary. Then Warren's inventory no longer lists
	 * it as a member.
	 */
	public long remove(long clusterId, long serverId, String actor) {
		ClusterView cluster = this.clusters.get(clusterId);
		ServerView server = member(cluster, serverId);
		if (serverId == cluster.primaryServerId()) {
			throw new InvalidFieldException("serverId", server.name() + " is the cluster's primary: choose another "
					+ "primary (edit the cluster) before taking it out");
		}
		long runId = this.recorder.create(RunKind.REMOVE_NODE, clusterId,
				"Remove " + server.nodeName() + " from " + cluster.name(), actor, null);
		this.executor.execute(() -> guarded(runId, () -> runRemove(runId, cluster, server, actor)));
		return runId;
	}

	private void runRestart(long runId, ClusterView cluster, ServerView server, String actor) {
		this.recorder.start(runId);
		ServerView primary = this.servers.get(cluster.primaryServerId());
		List<PreflightCheck> checks = new ArrayList<>();
		NodeState state = state(server, actor);
		checks.add(state.check(server));
		addPrivileges(checks, List.of(server), actor);
		if (state.status != null) {
			List<String> othersRunning = state.status.runningNodes()
				.stream()
				.filter((node) -> !node.equals(server.nodeName()))
				.toList();
			checks.add(new PreflightCheck(server.name(), "Cluster keeps running",
					othersRunning.isEmpty() ? Verdict.WARN : Verdict.PASS,
					othersRunning.isEmpty()
							? "No other member is running: clients cannot connect while " + server.nodeName()
									+ " restarts"
							: "While it restarts, " + String.join(", ", othersRunning) + " keep serving",
					null, null));
			if (state.status.runningNodes().size() == 2) {
				checks.add(new PreflightCheck("cluster", "Quorum", Verdict.WARN,
						"A two-node cluster loses its quorum while one node is down", null, null));
			}
		}
		this.recorder.preflight(runId, checks);
		if (checks.stream().anyMatch(PreflightCheck::failed)) {
			this.recorder.finish(runId, RunStatus.FAILED, "A check failed, so no command ran: " + failures(checks));
			return;
		}
		RabbitmqNode node = RabbitmqNode.of(server);
		List<ClusterJoins.Planned> plan = List.of(
				ClusterJoins.Planned.of(server, "Stop the RabbitMQ application on " + server.nodeName(),
						RabbitmqCommands.stopApp(node), PlannedStep.Kind.STOP_APP, null),
				ClusterJoins.Planned.of(server, "Start the RabbitMQ application on " + server.nodeName(),
						RabbitmqCommands.startApp(node), PlannedStep.Kind.START_APP, null),
				ClusterJoins.Planned.of(primary, "Verify: " + server.nodeName() + " runs in the cluster again",
						RabbitmqCommands.clusterStatus(RabbitmqNode.of(primary)), PlannedStep.Kind.VERIFY,
						Judges.running(List.of(server.nodeName()))));
		List<Integer> positions = this.recorder.plan(runId, plan.stream().map(ClusterJoins.Planned::command).toList());
		try (StepRunner runner = new StepRunner(runId, actor, this.shells, this.recorder, this.events)) {
			StepRunner.Outcome stop = runner.run(positions.get(0), server, plan.get(0).commandLine(),
					this.properties.commandTimeout());
			if (!stop.succeeded() && stop.exitCode() == null) {
				// No answer: stop_app may have run to its end on the server all the same.
				this.recorder.finish(runId, RunStatus.FAILED,
						"ATTENTION: stop_app did not answer on " + server.nodeName() + " (" + stop.reason()
								+ "), so whether its application stopped is unknown; nothing else ran. Check on "
								+ server.name() + " with: "
								+ CommandTexts.render(server, RabbitmqCommands.clusterStatus(node))
								+ " and if it is stopped, start it with: "
								+ CommandTexts.render(server, RabbitmqCommands.startApp(node)));
				return;
			}
			if (!stop.succeeded()) {
				this.recorder.finish(runId, RunStatus.FAILED, "stop_app failed on " + server.nodeName() + " ("
						+ stop.reason() + "); nothing else ran. Its application is still running: see the output.");
				return;
			}
			StepRunner.Outcome start = runner.run(positions.get(1), server, plan.get(1).commandLine(),
					this.properties.commandTimeout());
			if (!start.succeeded()) {
				this.recorder.finish(runId, RunStatus.FAILED,
						"ATTENTION: " + server.nodeName() + "'s application is STOPPED: start_app failed ("
								+ start.reason() + "). Start it on " + server.name() + " with: "
								+ CommandTexts.render(server, RabbitmqCommands.startApp(node)));
				return;
			}
			StepRunner.Outcome verify = runner.run(positions.get(2), primary, plan.get(2).commandLine(),
					this.properties.checkTimeout(), plan.get(2).judge(), this.properties.settleTime());
			this.recorder.finish(runId, verify.succeeded() ? RunStatus.SUCCEEDED : RunStatus.FAILED, verify.succeeded()
					? server.nodeName() + " restarted and runs in the cluster again."
					: server.nodeName() + " started, but the cluster does not show it running: " + verify.reason());
		}
	}

	private void runRemove(long runId, ClusterView cluster, ServerView server, String actor) {
		this.recorder.start(runId);
		ServerView primary = this.servers.get(cluster.primaryServerId());
		List<PreflightCheck> checks = new ArrayList<>();
		NodeState primaryState = state(primary, actor);
		checks.add(primaryState.check(primary));
		NodeState nodeState = state(server, actor);
		boolean reachable = nodeState.status != null;
		if (reachable) {
			checks.add(nodeState.check(server));
		}
		else if (nodeState.down) {
			checks.add(new PreflightCheck(server.name(), "Node", Verdict.WARN,
					"Cannot be reached (" + nodeState.problem
							+ "): the primary will forget it instead (forget_cluster_node)",
					command(nodeState), output(nodeState)));
		}
		else {
			// Could not tell whether it runs: forgetting a node that runs would split it
			// off.
			checks.add(new PreflightCheck(server.name(), "Node", Verdict.FAIL,
					"Could not tell whether " + server.nodeName() + " runs (" + nodeState.problem
							+ "); Warren forgets a node on the primary only when it is seen to be down",
					command(nodeState), output(nodeState)));
		}
		addPrivileges(checks, List.of(primary, server), actor);
		if (primaryState.status != null && !primaryState.status.diskNodes().contains(server.nodeName())) {
			checks.add(new PreflightCheck(primary.name(), "Membership", Verdict.SKIP, primary.nodeName()
					+ " does not list " + server.nodeName() + " as a member: only Warren's inventory changes", null,
					null));
		}
		this.recorder.preflight(runId, checks);
		if (checks.stream().anyMatch(PreflightCheck::failed)) {
			this.recorder.finish(runId, RunStatus.FAILED, "A check failed, so no command ran: " + failures(checks));
			return;
		}
		boolean member = primaryState.status.diskNodes().contains(server.nodeName());
		RabbitmqNode node = RabbitmqNode.of(server);
		List<ClusterJoins.Planned> plan = new ArrayList<>();
		if (member && reachable) {
			plan.add(ClusterJoins.Planned.of(server, "Stop the RabbitMQ application on " + server.nodeName(),
					RabbitmqCommands.stopApp(node), PlannedStep.Kind.STOP_APP, null));
			plan.add(ClusterJoins.Planned.of(server, "Reset " + server.nodeName() + " (it leaves the cluster)",
					RabbitmqCommands.reset(node), PlannedStep.Kind.JOIN, null));
			plan.add(ClusterJoins.Planned.of(server,
					"Start the RabbitMQ application on " + server.nodeName() + " (standalone)",
					RabbitmqCommands.startApp(node), PlannedStep.Kind.START_APP, null));
		}
		else if (member) {
			plan.add(ClusterJoins.Planned.of(primary, "Forget " + server.nodeName() + " on the primary",
					RabbitmqCommands.forgetClusterNode(RabbitmqNode.of(primary), server.nodeName()),
					PlannedStep.Kind.JOIN, null));
		}
		if (member) {
			plan.add(ClusterJoins.Planned.of(primary,
					"Verify: " + primary.nodeName() + " no longer lists " + server.nodeName(),
					RabbitmqCommands.clusterStatus(RabbitmqNode.of(primary)), PlannedStep.Kind.VERIFY,
					(result) -> ClusterStatus.parse(result.stdout()).diskNodes().contains(server.nodeName())
							? "still listed as a member" : null));
		}
		List<Integer> positions = this.recorder.plan(runId, plan.stream().map(ClusterJoins.Planned::command).toList());
		try (StepRunner runner = new StepRunner(runId, actor, this.shells, this.recorder, this.events)) {
			for (int i = 0; i < plan.size(); i++) {
				ClusterJoins.Planned step = plan.get(i);
				StepRunner.Outcome outcome = (step.kind() == PlannedStep.Kind.VERIFY)
						? runner.run(positions.get(i), step.server(), step.commandLine(),
								this.properties.checkTimeout(), step.judge(), this.properties.settleTime())
						: runner.run(positions.get(i), step.server(), step.commandLine(),
								this.properties.commandTimeout());
				if (!outcome.succeeded()) {
					String stopped = (step.kind() == PlannedStep.Kind.JOIN || step.kind() == PlannedStep.Kind.START_APP)
							&& reachable
									? " ATTENTION: " + server.nodeName() + "'s application is STOPPED; start it on "
											+ server.name() + " with: "
											+ CommandTexts.render(server, RabbitmqCommands.startApp(node))
									: "";
					this.recorder.finish(runId, RunStatus.FAILED,
							"\"" + step.command().description() + "\" failed: " + outcome.reason() + "." + stopped);
					return;
				}
			}
		}
		List<Long> remaining = cluster.memberServerIds().stream().filter((id) -> id != server.id()).toList();
		Actor.runAs(actor, () -> this.clusters.update(cluster.id(),
				new ClusterCommand(cluster.name(), cluster.primaryServerId(), remaining)));
		this.recorder.finish(runId, RunStatus.SUCCEEDED, server.nodeName() + " left " + cluster.name()
				+ (reachable && member ? " and runs standalone." : ".") + " Warren no longer lists it as a member.");
	}

	/** The privileges check before a change, for each server the run touches. */
	private void addPrivileges(List<PreflightCheck> checks, List<ServerView> touched, String actor) {
		for (ServerView server : touched) {
			try {
				dev.warren.rabbitmq.ServerPrivileges.missing(this.shells, server, actor, this.properties.checkTimeout())
					.ifPresent((missing) -> checks
						.add(new PreflightCheck(server.name(), "Privileges", Verdict.FAIL, missing, null, null)));
			}
			catch (RemoteException ex) {
				// The node's own check says so (it reads the node over the same SSH).
			}
		}
	}

	private ServerView member(ClusterView cluster, long serverId) {
		if (!cluster.memberServerIds().contains(serverId)) {
			throw new InvalidFieldException("serverId",
					"server " + serverId + " is not a member of cluster '" + cluster.name() + "'");
		}
		return this.servers.get(serverId);
	}

	private NodeState state(ServerView server, String actor) {
		try (RemoteSession session = this.shells.open(server.id(), actor)) {
			CommandResult result = session.run(RabbitmqCommands.clusterStatus(RabbitmqNode.of(server)),
					this.properties.checkTimeout(), OutputListener.NONE);
			if (!result.succeeded()) {
				return new NodeState(null, CliErrors.explain(result.exitCode(), result.output()), result,
						CliErrors.isNodeUnreachable(result.exitCode(), result.output()));
			}
			return new NodeState(ClusterStatus.parse(result.stdout()), null, result, false);
		}
		catch (RemoteException ex) {
			return new NodeState(null, ex.getMessage(), null, ex.kind() == RemoteException.Kind.CONNECT_FAILED);
		}
	}

	private static String command(NodeState state) {
		return (state.evidence() != null) ? state.evidence().command() : null;
	}

	private static String output(NodeState state) {
		return (state.evidence() != null) ? state.evidence().output() : null;
	}

	private void guarded(long runId, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			this.recorder.crashed(runId, ex);
		}
		finally {
			this.events.forget(runId);
		}
	}

	private static String failures(List<PreflightCheck> checks) {
		return String.join("; ",
				checks.stream().filter(PreflightCheck::failed).map((c) -> c.server() + ": " + c.detail()).toList());
	}

	/**
	 * A node's own view of its cluster, or why it could not be read; {@code down} only
	 * when the answer says the node (or its host) is not there, never when the question
	 * was refused (sudo, a missing program, a changed host key, a timeout).
	 */
	private record NodeState(ClusterStatus status, String problem, CommandResult evidence, boolean down) {

		PreflightCheck check(ServerView server) {
			String command = (this.evidence != null) ? this.evidence.command() : null;
			String output = (this.evidence != null) ? this.evidence.output() : null;
			if (this.status == null) {
				return new PreflightCheck(server.name(), "Node", Verdict.FAIL, this.problem, command, output);
			}
			return new PreflightCheck(server.name(), "Node", Verdict.PASS, server.nodeName() + " answers; members "
					+ this.status.diskNodes() + ", running " + this.status.runningNodes(), command, output);
		}

	}

}
