package dev.warren.clustering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.CliErrors;
import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reads a cluster as it really is, from every member in parallel: which nodes run, which
 * are members, partitions. Used by "re-check state" after a run failed or was
 * interrupted.
 */
@Component
class ClusterInspector {

	private final Clusters clusters;

	private final Servers servers;

	private final RemoteShells shells;

	private final Executor executor;

	private final Duration timeout;

	ClusterInspector(Clusters clusters, Servers servers, RemoteShells shells,
			@Qualifier("clusteringExecutor") Executor executor, ClusteringProperties properties) {
		this.clusters = clusters;
		this.servers = servers;
		this.shells = shells;
		this.executor = executor;
		this.timeout = properties.checkTimeout();
	}

	/** One line per member, as a person would summarise each node's own view. */
	String describe(long clusterId, String actor) {
		ClusterView cluster = this.clusters.get(clusterId);
		List<CompletableFuture<String>> lines = new ArrayList<>();
		for (Long serverId : cluster.memberServerIds()) {
			ServerView server = this.servers.get(serverId);
			lines.add(CompletableFuture.supplyAsync(() -> describe(server, actor), this.executor));
		}
		return String.join("\n", lines.stream().map(CompletableFuture::join).toList());
	}

	private String describe(ServerView server, String actor) {
		RabbitmqNode node = RabbitmqNode.of(server);
		try (RemoteSession session = this.shells.open(server.id(), actor)) {
			CommandResult result = session.run(RabbitmqCommands.clusterStatus(node), this.timeout, OutputListener.NONE);
			if (!result.succeeded() && appStopped(result.output())) {
				// cluster_status needs the application; its refusal is the answer.
				return node.nodeName() + ": application STOPPED (the Erlang node answers; its cluster membership "
						+ "shows again after: rabbitmqctl -n " + node.nodeName() + " start_app)";
			}
			if (!result.succeeded()) {
				return node.nodeName() + ": cannot read its state: "
						+ CliErrors.explain(result.exitCode(), result.output());
			}
			ClusterStatus status = ClusterStatus.parse(result.stdout());
			boolean running = status.runningNodes().contains(node.nodeName());
			return node.nodeName() + ": application " + (running ? "RUNNING" : "STOPPED") + "; cluster members "
					+ status.diskNodes() + ", running " + status.runningNodes()
					+ (status.hasPartitions() ? "; PARTITIONS " + status.partitions() : "; no partitions")
					+ (status.clusterName() != null ? "; cluster name " + status.clusterName() : "");
		}
		catch (RemoteException ex) {
			return node.nodeName() + ": unreachable over SSH: " + ex.getMessage();
		}
	}

	private static boolean appStopped(String output) {
		return output.contains("requires the 'rabbit' app to be running")
				|| output.contains("'rabbit' application not running");
	}

}
