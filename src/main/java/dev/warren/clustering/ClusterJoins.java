package dev.warren.clustering;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.JoinPlans;
import dev.warren.rabbitmq.PlannedStep;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;
import dev.warren.rabbitmq.RabbitmqVersion;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.RemoteShells;
import dev.warren.shared.InvalidFieldException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * The cluster wizard's engine: preflight, plan, run, verify and roll back a join of
 * standalone nodes into a cluster's primary. A run never leaves a node stopped without
 * saying so loudly.
 */
@Service
public class ClusterJoins {

	private final Clusters clusters;

	private final Servers servers;

	private final Preflights preflights;

	private final RemoteShells shells;

	private final RunRecorder recorder;

	private final RunEvents events;

	private final Executor executor;

	private final ClusteringProperties properties;

	private final ClusterInspector inspector;

	ClusterJoins(Clusters clusters, Servers servers, Preflights preflights, RemoteShells shells, RunRecorder recorder,
			RunEvents events, @Qualifier("clusteringExecutor") Executor executor, ClusteringProperties properties,
			ClusterInspector inspector) {
		this.inspector = inspector;
		this.clusters = clusters;
		this.servers = servers;
		this.preflights = preflights;
		this.shells = shells;
		this.recorder = recorder;
		this.events = events;
		this.executor = executor;
		this.properties = properties;
	}

	/**
	 * The servers a request names, checked to be members of the cluster other than the
	 * primary.
	 */
	record Parties(ClusterView cluster, ServerView primary, List<ServerView> joining) {

	}

	Parties parties(long clusterId, List<Long> serverIds) {
		ClusterView cluster = this.clusters.get(clusterId);
		ServerView primary = this.servers.get(cluster.primaryServerId());
		List<ServerView> joining = new ArrayList<>();
		for (Long id : new LinkedHashSet<>(serverIds)) {
			if (id.equals(cluster.primaryServerId())) {
				throw new InvalidFieldException("serverIds",
						"server " + id + " is the primary: the other nodes join it, it does not join itself");
			}
			if (!cluster.memberServerIds().contains(id)) {
				throw new InvalidFieldException("serverIds", "server " + id + " is not a member of cluster '"
						+ cluster.name() + "'; add it to the cluster first");
			}
			joining.add(this.servers.get(id));
		}
		if (joining.isEmpty()) {
			throw new InvalidFieldException("serverIds", "choose at least one node to join");
		}
		return new Parties(cluster, primary, joining);
	}

	/** Runs the preflight checks without changing anything. */
	public Preflights.Findings preflight(long clusterId, JoinRequest request, String actor) {
		Parties parties = parties(clusterId, request.serverIds());
		return this.preflights.check(parties.primary(), parties.joining(), parties.cluster().members().size(), request,
				actor);
	}

	/** The exact commands a join will run, per server, in order. */
	public List<PlannedCommand> plan(long clusterId, JoinRequest request, Preflights.Findings findings) {
		Parties parties = parties(clusterId, request.serverIds());
		return plannedSteps(parties, request, findings).stream().map(Planned::command).toList();
	}

	/**
	 * Starts a join run in the background and returns its id. With {@code checked} (a
	 * fresh preflight that passed) the run uses it; otherwise it runs its own preflight
	 * first and stops if anything fails.
	 * @throws ClusterBusyException when another run holds the cluster
	 */
	public long start(long clusterId, JoinRequest request, String actor, Preflights.Findings checked) {
		Parties parties = parties(clusterId, request.serverIds());
		String target = "Join " + parties.joining().stream().map(ServerView::nodeName).collect(Collectors.joining(", "))
				+ " into " + parties.cluster().name();
		long runId = this.recorder.create(RunKind.JOIN, clusterId, target, actor, describe(request));
		this.executor.execute(() -> execute(runId, parties, request, actor, checked));
		return runId;
	}

	private void execute(long runId, Parties parties, JoinRequest request, String actor, Preflights.Findings checked) {
		try {
			this.recorder.start(runId);
			Preflights.Findings findings = (checked != null) ? checked : this.preflights.check(parties.primary(),
					parties.joining(), parties.cluster().members().size(), request, actor);
			this.recorder.preflight(runId, findings.checks());
			if (!findings.passed()) {
				this.recorder.finish(runId, RunStatus.FAILED,
						"Preflight failed, so no command ran: " + findings.failures()
							.stream()
							.map((c) -> c.server() + ": " + c.detail())
							.collect(Collectors.joining("; ")));
				return;
			}
			List<Planned> plan = plannedSteps(parties, request, findings);
			List<Integer> positions = this.recorder.plan(runId, plan.stream().map(Planned::command).toList());
			try (StepRunner runner = new StepRunner(runId, actor, this.shells, this.recorder, this.events)) {
				new JoinExecution(runId, parties, plan, positions, runner, this.recorder, this.properties).run();
			}
		}
		catch (RuntimeException ex) {
			this.recorder.crashed(runId, ex);
		}
		finally {
			this.events.forget(runId);
		}
	}

	/**
	 * Reads the run's cluster as it is now and records what it found on the run.
	 */
	public RunView recheck(long runId, String actor) {
		RunView run = this.recorder.view(runId);
		if (run.clusterId() == null) {
			throw new InvalidFieldException("run", "run " + runId + " is not about a cluster");
		}
		if (run.active()) {
			throw new InvalidFieldException("run", "run " + runId + " is still active; watch it instead");
		}
		this.recorder.recheck(runId, this.inspector.describe(run.clusterId(), actor));
		return this.recorder.view(runId);
	}

	/**
	 * One planned command with what the engine needs to run it. {@code judge} says what
	 * is wrong with a successful answer (for checks whose exit code is not enough), or
	 * {@code null}.
	 */
	record Planned(PlannedCommand command, ServerView server, CommandLine commandLine, PlannedStep.Kind kind,
			Function<CommandResult, String> judge) {

		static Planned of(ServerView server, String description, CommandLine command, PlannedStep.Kind kind,
				Function<CommandResult, String> judge) {
			return new Planned(
					new PlannedCommand(server.id(), server.name(), description, CommandTexts.render(server, command)),
					server, command, kind, judge);
		}

	}

	private List<Planned> plannedSteps(Parties parties, JoinRequest request, Preflights.Findings findings) {
		List<Planned> steps = new ArrayList<>();
		RabbitmqNode primary = RabbitmqNode.of(parties.primary());
		RabbitmqVersion primaryVersion = findings.versions().get(parties.primary().id());
		Map<Long, ServerView> byId = new HashMap<>();
		byId.put(parties.primary().id(), parties.primary());
		parties.joining().forEach((server) -> byId.put(server.id(), server));
		for (ServerView server : parties.joining()) {
			if (findings.alreadyMembers().contains(server.id())) {
				continue;
			}
			RabbitmqVersion version = findings.versions().getOrDefault(server.id(), primaryVersion);
			for (PlannedStep step : JoinPlans.plan(version, RabbitmqNode.of(server), primary)) {
				boolean membership = step.kind() == PlannedStep.Kind.VERIFY
						&& step.command().arguments().contains("cluster_status");
				steps.add(Planned.of(byId.get(step.node().serverId()), step.description(), step.command(), step.kind(),
						membership ? Judges.running(List.of(primary.nodeName(), server.nodeName())) : null));
			}
		}
		List<ServerView> everyone = new ArrayList<>();
		everyone.add(parties.primary());
		everyone.addAll(parties.joining());
		List<String> expected = everyone.stream().map(ServerView::nodeName).toList();
		for (ServerView server : everyone) {
			steps.add(Planned.of(server,
					"Verify: every member running, no partitions, as " + server.nodeName() + " sees it",
					RabbitmqCommands.clusterStatus(RabbitmqNode.of(server)), PlannedStep.Kind.VERIFY,
					Judges.running(expected)));
		}
		if (request.wantsClusterName()) {
			steps.add(Planned.of(parties.primary(), "Set the cluster name to '" + request.clusterName() + "'",
					RabbitmqCommands.setClusterName(primary, request.clusterName()), null, null));
		}
		if (request.wantsPartitionHandling() && (primaryVersion == null || primaryVersion.honoursPartitionHandling())) {
			for (ServerView server : everyone) {
				steps.add(Planned.of(server,
						"Set network-partition recovery to " + request.partitionHandling() + " (on the running node)",
						RabbitmqCommands.setPartitionHandling(RabbitmqNode.of(server), request.partitionHandling()),
						null, null));
				steps.add(Planned.of(server, "Verify network-partition recovery",
						RabbitmqCommands.getPartitionHandling(RabbitmqNode.of(server)), PlannedStep.Kind.VERIFY,
						Judges.contains(request.partitionHandling())));
			}
		}
		return steps;
	}

	private static String describe(JoinRequest request) {
		return Map
			.of("serverIds", request.serverIds().toString(), "clusterName", String.valueOf(request.clusterName()),
					"partitionHandling", String.valueOf(request.partitionHandling()))
			.toString();
	}

}
