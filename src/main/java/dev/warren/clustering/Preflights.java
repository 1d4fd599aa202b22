package dev.warren.clustering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.warren.clustering.PreflightCheck.Verdict;
import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.CliErrors;
import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.rabbitmq.NodeStatus;
import dev.warren.rabbitmq.FeatureFlags;
import dev.warren.rabbitmq.QueueSummary;
import dev.warren.rabbitmq.ServerPrivileges;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;
import dev.warren.rabbitmq.RabbitmqVersion;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The checks before a join, on all servers in parallel. Nothing is changed on any server:
 * every command here only reads.
 */
@Component
class Preflights {

	private final RemoteShells shells;

	private final Executor executor;

	private final Duration timeout;

	Preflights(RemoteShells shells, @Qualifier("clusteringExecutor") Executor executor,
			ClusteringProperties properties) {
		this.shells = shells;
		this.executor = executor;
		this.timeout = properties.checkTimeout();
	}

	/** What the checks found about the servers, for the plan to use. */
	record Findings(List<PreflightCheck> checks, Map<Long, RabbitmqVersion> versions, List<Long> alreadyMembers) {

		boolean passed() {
			return this.checks.stream().noneMatch(PreflightCheck::failed);
		}

		List<PreflightCheck> failures() {
			return this.checks.stream().filter(PreflightCheck::failed).toList();
		}

	}

	Findings check(ServerView primary, List<ServerView> joining, int clusterSizeAfter, JoinRequest request,
			String actor) {
		Map<Long, NodeFacts> facts = new ConcurrentHashMap<>();
		List<ServerView> all = new ArrayList<>();
		all.add(primary);
		all.addAll(joining);
		CompletableFuture
			.allOf(all.stream()
				.map((server) -> CompletableFuture
					.runAsync(
							() -> facts.put(server.id(),
									inspect(server, server.id() == primary.id() ? null : primary, actor)),
							this.executor))
				.toArray(CompletableFuture[]::new))
			.join();

		List<PreflightCheck> checks = new ArrayList<>();
		all.forEach((server) -> checks.addAll(facts.get(server.id()).checks));
		NodeFacts primaryFacts = facts.get(primary.id());
		List<Long> alreadyMembers = new ArrayList<>();
		for (ServerView server : joining) {
			NodeFacts node = facts.get(server.id());
			compare(checks, server, node, primary, primaryFacts);
			if (node.alreadyMemberOfPrimary) {
				alreadyMembers.add(server.id());
			}
		}
		if (clusterSizeAfter == 2) {
			checks.add(new PreflightCheck("cluster", "Quorum", Verdict.WARN,
					"A two-node cluster cannot keep a quorum: when one node is lost, quorum queues stop. "
							+ "Three nodes are recommended.",
					null, null));
		}
		if (request.wantsPartitionHandling() && primaryFacts.featureFlags != null
				&& "Khepri".equals(primaryFacts.featureFlags.metadataStore()) && primaryFacts.version != null
				&& primaryFacts.version.honoursPartitionHandling()) {
			checks
				.add(new PreflightCheck(primary.name(), "Partition handling", Verdict.WARN,
						primary.nodeName() + " keeps its metadata in Khepri (khepri_db is enabled): "
								+ "cluster_partition_handling has no effect on metadata there; Raft decides.",
						null, null));
		}
		if (request.wantsPartitionHandling() && primaryFacts.version != null
				&& !primaryFacts.version.honoursPartitionHandling()) {
			checks.add(new PreflightCheck(primary.name(), "Partition handling", Verdict.WARN,
					"RabbitMQ " + primaryFacts.version + " keeps its metadata in Khepri (Raft): "
							+ "cluster_partition_handling has no effect there, so this step will be skipped.",
					null, null));
		}
		Map<Long, RabbitmqVersion> versions = new ConcurrentHashMap<>();
		facts.forEach((id, node) -> {
			if (node.version != null) {
				versions.put(id, node.version);
			}
		});
		return new Findings(List.copyOf(checks), Map.copyOf(versions), List.copyOf(alreadyMembers));
	}

	private void compare(List<PreflightCheck> checks, ServerView server, NodeFacts node, ServerView primary,
			NodeFacts primaryFacts) {
		if (node.version != null && primaryFacts.version != null) {
			boolean compatible = node.version.isCompatibleForClustering(primaryFacts.version);
			checks.add(new PreflightCheck(server.name(), "Versions", compatible ? Verdict.PASS : Verdict.FAIL,
					compatible
							? "RabbitMQ " + node.version + " can join " + primaryFacts.version + " ("
									+ node.erlangVersion + ")"
							: "RabbitMQ " + node.version + " cannot join a cluster running " + primaryFacts.version
									+ ": nodes of a cluster must run the same major.minor series",
					null, null));
		}
		if (node.featureFlags != null && primaryFacts.featureFlags != null) {
			checks.add(featureFlags(server, node.featureFlags, primary, primaryFacts.featureFlags));
		}
		if (node.cookieHash != null && primaryFacts.cookieHash != null) {
			boolean same = node.cookieHash.equals(primaryFacts.cookieHash);
			checks.add(new PreflightCheck(server.name(), "Erlang cookie", same ? Verdict.PASS : Verdict.FAIL,
					same ? "Same Erlang cookie as " + primary.nodeName()
							: "Its Erlang cookie differs from " + primary.nodeName() + "'s: copy the primary's "
									+ ".erlang.cookie to this server (same owner and mode 400), restart RabbitMQ, "
									+ "then check again",
					null, null));
		}
	}

	/**
	 * RabbitMQ refuses a node that does not know a flag the cluster has enabled; any
	 * other difference goes away, because joining resets the node and it takes the
	 * cluster's flags and metadata store (measured on 4.0.5: a Mnesia node joins a Khepri
	 * cluster and the other way round).
	 */
	static PreflightCheck featureFlags(ServerView server, FeatureFlags node, ServerView primary, FeatureFlags cluster) {
		java.util.Set<String> unknown = cluster.unknownTo(node);
		if (!unknown.isEmpty()) {
			return new PreflightCheck(server.name(), "Feature flags", Verdict.FAIL,
					"RabbitMQ would refuse this join (incompatible_feature_flags): " + primary.nodeName() + " has "
							+ String.join(", ", unknown) + " enabled, which " + server.nodeName()
							+ " does not support; upgrade it to the cluster's version first",
					null, null);
		}
		String store = cluster.metadataStore();
		if (!node.metadataStore().equals(store) || !node.enabled().equals(cluster.enabled())) {
			java.util.Set<String> differ = new java.util.TreeSet<>(cluster.enabled());
			differ.addAll(node.enabled());
			java.util.Set<String> both = new java.util.TreeSet<>(cluster.enabled());
			both.retainAll(node.enabled());
			differ.removeAll(both);
			return new PreflightCheck(server.name(), "Feature flags", Verdict.WARN,
					server.nodeName() + " uses " + node.metadataStore() + ", the cluster " + store
							+ (differ.isEmpty() ? ""
									: "; their enabled flags differ (" + String.join(", ", differ) + ")")
							+ ": joining resets it and it takes the cluster's flags and " + store,
					null, null);
		}
		return new PreflightCheck(server.name(), "Feature flags", Verdict.PASS,
				"Same feature flags as the cluster; metadata store " + store, null, null);
	}

	private NodeFacts inspect(ServerView server, ServerView primaryToReach, String actor) {
		NodeFacts facts = new NodeFacts();
		RabbitmqNode node = RabbitmqNode.of(server);
		try (RemoteSession session = this.shells.open(server.id(), actor)) {
			facts.pass(server, "SSH", "Connected to " + server.sshEndpoint() + "; host key trusted");
			if (server.useSudo()) {
				ServerPrivileges.Check privileges = ServerPrivileges.check(session, server, this.timeout);
				facts.add(server, "Privileges", privileges.complete() ? Verdict.PASS : Verdict.FAIL,
						privileges.detail(), null);
				if (!privileges.complete()) {
					return facts;
				}
			}
			CommandResult status = run(session, RabbitmqCommands.status(node));
			if (!status.succeeded()) {
				if (CliErrors.isCookieMismatch(status.exitCode(), status.output())) {
					facts.add(server, "Erlang cookie", Verdict.FAIL,
							"rabbitmqctl on this server cannot talk to " + node.nodeName() + ": the node uses another "
									+ "Erlang cookie than the CLI ("
									+ CliErrors.explain(status.exitCode(), status.output()) + ")",
							status);
				}
				else {
					facts.add(server, "Node running", Verdict.FAIL,
							CliErrors.explain(status.exitCode(), status.output()), status);
				}
				return facts;
			}
			NodeStatus nodeStatus = NodeStatus.parse(status.stdout());
			facts.version = RabbitmqVersion.parse(nodeStatus.rabbitmqVersion());
			facts.erlangVersion = nodeStatus.erlangVersion().startsWith("Erlang") ? nodeStatus.erlangVersion()
					: "Erlang " + nodeStatus.erlangVersion();
			facts.add(server, "Node running", Verdict.PASS, node.nodeName() + " runs RabbitMQ " + facts.version + " on "
					+ facts.erlangVersion + "; rabbitmqctl works", status);

			CommandResult flags = run(session, RabbitmqCommands.featureFlags(node));
			if (flags.succeeded()) {
				try {
					facts.featureFlags = FeatureFlags.parse(flags.stdout());
				}
				catch (IllegalArgumentException ex) {
					facts.add(server, "Feature flags", Verdict.FAIL,
							"Could not tell its feature flags (the answer was not a list): " + ex.getMessage(), flags);
				}
			}
			else {
				facts.add(server, "Feature flags", Verdict.FAIL,
						"Could not tell its feature flags: " + CliErrors.explain(flags.exitCode(), flags.output()),
						flags);
			}

			CommandResult cookie = run(session, RabbitmqCommands.erlangCookieHash(node));
			if (cookie.succeeded()) {
				facts.cookieHash = lastLine(cookie.stdout());
			}
			else {
				facts.add(server, "Erlang cookie", Verdict.FAIL, CliErrors.explain(cookie.exitCode(), cookie.output()),
						cookie);
			}
			if (primaryToReach != null) {
				inspectJoining(session, server, node, primaryToReach, facts);
			}
		}
		catch (RemoteException ex) {
			facts.add(server, "SSH", Verdict.FAIL, ex.getMessage(), null);
		}
		return facts;
	}

	private void inspectJoining(RemoteSession session, ServerView server, RabbitmqNode node, ServerView primary,
			NodeFacts facts) {
		CommandResult clusterStatus = run(session, RabbitmqCommands.clusterStatus(node));
		if (!clusterStatus.succeeded()) {
			// Could not tell: never read as "standalone", and nothing is judged from it.
			facts.add(server, "Membership", Verdict.FAIL, "Could not tell whether " + node.nodeName()
					+ " is clustered: " + CliErrors.explain(clusterStatus.exitCode(), clusterStatus.output()),
					clusterStatus);
			return;
		}
		ClusterStatus status = ClusterStatus.parse(clusterStatus.stdout());
		List<String> others = status.diskNodes().stream().filter((n) -> !n.equals(node.nodeName())).toList();
		if (others.contains(primary.nodeName())) {
			facts.alreadyMemberOfPrimary = true;
			facts.add(server, "Membership", Verdict.SKIP, node.nodeName() + " is already a member of "
					+ primary.nodeName() + "'s cluster: it will be skipped", clusterStatus);
		}
		else if (!others.isEmpty()) {
			facts.add(server, "Membership", Verdict.FAIL, node.nodeName() + " is already clustered with "
					+ String.join(", ", others) + ": remove it from that cluster first", clusterStatus);
		}
		else {
			facts.add(server, "Membership", Verdict.PASS, node.nodeName() + " is standalone", clusterStatus);
		}
		if (!facts.alreadyMemberOfPrimary) {
			CommandResult queues = run(session, RabbitmqCommands.listQueues(node));
			if (!queues.succeeded()) {
				facts.add(server, "Data", Verdict.FAIL, "Could not tell what joining would reset on " + node.nodeName()
						+ " (its queues and messages): " + CliErrors.explain(queues.exitCode(), queues.output()),
						queues);
			}
			else {
				QueueSummary summary = QueueSummary.parse(queues.stdout());
				facts.add(server, "Data", (summary.queues() > 0) ? Verdict.WARN : Verdict.PASS,
						(summary.queues() > 0)
								? "Joining resets " + node.nodeName() + ": its " + summary.queues() + " queue(s) and "
										+ summary.messages() + " message(s) will be lost"
								: "Joining resets " + node.nodeName() + "; it holds no queues",
						queues);
			}
		}
		CommandResult ping = run(session, RabbitmqCommands.ping(node, primary.nodeName()));
		facts.add(server, "Reach the primary", ping.succeeded() ? Verdict.PASS : Verdict.FAIL,
				ping.succeeded()
						? "From this server, " + primary.nodeName() + " resolves and answers on epmd (4369) and its "
								+ "distribution port"
						: "From this server, " + primary.nodeName() + " cannot be reached: "
								+ CliErrors.explain(ping.exitCode(), ping.output())
								+ (CliErrors.needsPrivileges(ping.exitCode(), ping.output())
										|| CliErrors.isCommandNotFound(ping.exitCode(), ping.output()) ? ""
												: " Check that the name resolves here and that ports 4369 and 25672 "
														+ "are open."),
				ping);
	}

	private CommandResult run(RemoteSession session, CommandLine command) {
		return session.run(command, this.timeout, OutputListener.NONE);
	}

	private static String lastLine(String text) {
		String[] lines = text.strip().split("\\R");
		return lines[lines.length - 1].strip();
	}

	/** What one server told us. */
	private static final class NodeFacts {

		final List<PreflightCheck> checks = new ArrayList<>();

		RabbitmqVersion version;

		String erlangVersion;

		String cookieHash;

		FeatureFlags featureFlags;

		boolean alreadyMemberOfPrimary;

		void pass(ServerView server, String check, String detail) {
			this.checks.add(new PreflightCheck(server.name(), check, Verdict.PASS, detail, null, null));
		}

		void add(ServerView server, String check, Verdict verdict, String detail, CommandResult evidence) {
			this.checks.add(new PreflightCheck(server.name(), check, verdict, detail,
					(evidence != null) ? evidence.command() : null, (evidence != null)
							? Objects.toString(evidence.output(), "") + "\n(exit " + evidence.exitCode() + ")" : null));
		}

	}

}
