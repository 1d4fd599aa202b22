package dev.warren.clustering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.PlannedStep;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;

/**
 * Runs a join plan step by step. If {@code join_cluster} fails after the node was
 * stopped, the node is started again (standalone, as before) and the run says so; a node
 * is never left stopped without the run saying it loudly, with the command that recovers
 * it.
 */
final class JoinExecution {

	private final long runId;

	private final ClusterJoins.Parties parties;

	private final List<ClusterJoins.Planned> plan;

	private final List<Integer> positions;

	private final StepRunner runner;

	private final RunRecorder recorder;

	private final ClusteringProperties properties;

	private final Set<Long> stopped = new HashSet<>();

	private final List<String> joined = new ArrayList<>();

	JoinExecution(long runId, ClusterJoins.Parties parties, List<ClusterJoins.Planned> plan, List<Integer> positions,
			StepRunner runner, RunRecorder recorder, ClusteringProperties properties) {
		this.runId = runId;
		this.parties = parties;
		this.plan = plan;
		this.positions = positions;
		this.runner = runner;
		this.recorder = recorder;
		this.properties = properties;
	}

	void run() {
		List<String> verifyProblems = new ArrayList<>();
		for (int i = 0; i < this.plan.size(); i++) {
			ClusterJoins.Planned step = this.plan.get(i);
			int position = this.positions.get(i);
			ServerView server = step.server();
			PlannedStep.Kind kind = step.kind();
			if (kind == PlannedStep.Kind.VERIFY) {
				StepRunner.Outcome outcome = this.runner.run(position, server, step.commandLine(),
						this.properties.checkTimeout(), step.judge(), this.properties.settleTime());
				if (!outcome.succeeded()) {
					verifyProblems.add(server.nodeName() + ": " + outcome.reason());
				}
				continue;
			}
			StepRunner.Outcome outcome = this.runner.run(position, server, step.commandLine(),
					this.properties.commandTimeout());
			if (kind == PlannedStep.Kind.STOP_APP) {
				if (!outcome.succeeded() && outcome.exitCode() == null) {
					// No answer (the connection dropped, or the command timed out):
					// stop_app
					// may have run to its end on the server all the same.
					rollBack(server,
							"The SSH connection to " + server.name() + " was lost while stop_app ran on "
									+ server.nodeName() + " (" + outcome.reason()
									+ "), so whether its application stopped " + "is unknown");
					return;
				}
				if (!outcome.succeeded()) {
					finishFailed("Could not stop the RabbitMQ application on " + server.nodeName() + " ("
							+ outcome.reason() + "). Nothing was changed on it; the nodes joined before it ("
							+ joinedText() + ") stay in the cluster.");
					return;
				}
				this.stopped.add(server.id());
			}
			else if (kind == PlannedStep.Kind.JOIN) {
				// From 4.1 join_cluster stops the node itself, so it may be stopped even
				// if we did not.
				this.stopped.add(server.id());
				if (!outcome.succeeded()) {
					rollBack(server, "join_cluster failed on " + server.nodeName() + ": " + outcome.reason());
					return;
				}
			}
			else if (kind == PlannedStep.Kind.START_APP) {
				if (!outcome.succeeded()) {
					finishFailed("ATTENTION: " + server.nodeName() + " joined the cluster but its RabbitMQ application "
							+ "did NOT start: it is STOPPED and serves no clients. Start it on " + server.name()
							+ " with: " + recoverCommand(server) + " (" + outcome.reason() + ")");
					return;
				}
				this.stopped.remove(server.id());
				this.joined.add(server.nodeName());
			}
			else if (!outcome.succeeded()) {
				finishFailed("The nodes joined (" + joinedText() + ") and the cluster was verified, but \""
						+ step.command().description() + "\" failed on " + server.name() + ": " + outcome.reason());
				return;
			}
		}
		if (!verifyProblems.isEmpty()) {
			finishFailed("The join commands succeeded (" + joinedText() + "), but the cluster does not look right: "
					+ String.join("; ", verifyProblems) + ". Use \"Re-check state\" and look at the nodes' logs.");
			return;
		}
		this.recorder.finish(this.runId, RunStatus.SUCCEEDED,
				(this.joined.isEmpty() ? "Every node was already a member" : "Joined " + joinedText()) + " into "
						+ this.parties.primary().nodeName() + "'s cluster; every member is running and "
						+ "there are no partitions.");
	}

	private void rollBack(ServerView server, String reason) {
		RabbitmqNode node = RabbitmqNode.of(server);
		ClusterJoins.Planned undo = ClusterJoins.Planned.of(server,
				"Roll back: start " + server.nodeName() + "'s application again (standalone, as before)",
				RabbitmqCommands.startApp(node), PlannedStep.Kind.START_APP, null);
		int position = this.recorder.plan(this.runId, List.of(undo.command())).get(0);
		StepRunner.Outcome outcome = this.runner.run(position, server, undo.commandLine(),
				this.properties.commandTimeout());
		if (outcome.succeeded()) {
			this.recorder.finish(this.runId, RunStatus.ROLLED_BACK,
					reason + ". Warren started " + server.nodeName()
							+ "'s application again: it runs standalone, as before the run." + (this.joined.isEmpty()
									? "" : " Nodes joined before it stay in the cluster: " + joinedText() + "."));
		}
		else {
			finishFailed("ATTENTION: " + reason + ", and starting its application again failed too (" + outcome.reason()
					+ "). " + server.nodeName() + " is STOPPED and serves no clients. " + "Start it on " + server.name()
					+ " with: " + recoverCommand(server));
		}
	}

	private void finishFailed(String summary) {
		this.recorder.finish(this.runId, RunStatus.FAILED, summary);
	}

	private String joinedText() {
		return this.joined.isEmpty() ? "none" : String.join(", ", this.joined);
	}

	private static String recoverCommand(ServerView server) {
		return CommandTexts.render(server, RabbitmqCommands.startApp(RabbitmqNode.of(server)));
	}

}
