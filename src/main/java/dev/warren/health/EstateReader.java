package dev.warren.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.warren.balancer.BalancerView;
import dev.warren.balancer.Balancers;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.secrets.Secrets;

import org.springframework.stereotype.Component;

/**
 * Reads the inventory into {@link Targets}, with the credentials each probe uses: a
 * server's management user and password when stored, else {@code guest} when the host is
 * loopback (RabbitMQ lets {@code guest} log in only from there), else none. A balancer
 * uses its cluster primary's credentials by the same rule (as a deployment's round trip
 * does). Revealed passwords are cached until the server changes.
 */
@Component
class EstateReader {

	private final Servers servers;

	private final Clusters clusters;

	private final Balancers balancers;

	private final Secrets secrets;

	private final Map<Long, CachedPassword> passwords = new ConcurrentHashMap<>();

	EstateReader(Servers servers, Clusters clusters, Balancers balancers, Secrets secrets) {
		this.servers = servers;
		this.clusters = clusters;
		this.balancers = balancers;
		this.secrets = secrets;
	}

	Targets read(boolean withCredentials) {
		List<ServerView> servers = this.servers.list();
		List<ClusterView> clusters = this.clusters.list();
		List<BalancerView> balancers = this.balancers.list();
		Map<Long, ServerView> byId = new HashMap<>();
		servers.forEach((server) -> byId.put(server.id(), server));
		Map<Long, Long> clusterOf = new HashMap<>();
		clusters
			.forEach((cluster) -> cluster.memberServerIds().forEach((member) -> clusterOf.put(member, cluster.id())));
		Map<Long, Targets.NodeTarget> nodes = new LinkedHashMap<>();
		List<Long> unclustered = new ArrayList<>();
		for (ServerView server : servers) {
			if (server.nodeName() == null || server.nodeName().isBlank()) {
				continue;
			}
			Long clusterId = clusterOf.get(server.id());
			if (clusterId == null) {
				unclustered.add(server.id());
			}
			nodes.put(server.id(), node(server, clusterId, withCredentials));
		}
		this.passwords.keySet().retainAll(byId.keySet());
		Map<Long, ClusterView> clusterById = new HashMap<>();
		clusters.forEach((cluster) -> clusterById.put(cluster.id(), cluster));
		Map<Long, Targets.BalancerTarget> balancerTargets = new LinkedHashMap<>();
		for (BalancerView balancer : balancers) {
			ServerView host = byId.get(balancer.hostServerId());
			ClusterView cluster = clusterById.get(balancer.clusterId());
			ServerView primary = (cluster != null) ? byId.get(cluster.primaryServerId()) : null;
			if (host != null) {
				balancerTargets.put(balancer.id(), balancer(balancer, host, primary, withCredentials));
			}
		}
		List<Targets.ClusterEntry> entries = clusters.stream()
			.map((cluster) -> new Targets.ClusterEntry(cluster.id(), cluster.name(), cluster.memberServerIds(),
					cluster.members().stream().map(ClusterView.Member::nodeName).toList(),
					balancers.stream()
						.filter((balancer) -> balancer.clusterId() == cluster.id())
						.map(BalancerView::id)
						.toList()))
			.toList();
		return new Targets(entries, nodes, balancerTargets, unclustered, servers.size());
	}

	private Targets.NodeTarget node(ServerView server, Long clusterId, boolean withCredentials) {
		String fingerprint = server.host() + "|" + server.amqpPort() + "|" + server.managementPort() + "|"
				+ server.managementUser() + "|" + server.updatedAt();
		AmqpEndpoint amqp = null;
		String reason = null;
		Targets.ManagementLogin management = null;
		String password = withCredentials ? managementPassword(server) : null;
		if (password != null) {
			amqp = new AmqpEndpoint(server.host(), server.amqpPort(), server.managementUser(), password, "/");
			management = new Targets.ManagementLogin(baseUrl(server.host(), server.managementPort()),
					server.managementUser(), password);
		}
		else if (isLoopback(server.host())) {
			amqp = new AmqpEndpoint(server.host(), server.amqpPort(), "guest", "guest", "/");
		}
		else {
			reason = "no AMQP login: set the server's management user and password (guest may only log in "
					+ "over loopback)";
		}
		return new Targets.NodeTarget(server.id(), server.name(), server.nodeName(), server.host(), server.amqpPort(),
				clusterId, amqp, reason, management, fingerprint);
	}

	private Targets.BalancerTarget balancer(BalancerView balancer, ServerView host, ServerView primary,
			boolean withCredentials) {
		String address = balancer.listenAddress();
		String target = (address.equals("0.0.0.0") || address.equals("::") || address.equals("*")) ? host.host()
				: address;
		String fingerprint = target + "|" + balancer.listenPort() + "|" + balancer.updatedAt() + "|"
				+ ((primary != null) ? primary.id() + "@" + primary.updatedAt() : "-");
		String password = (withCredentials && primary != null) ? managementPassword(primary) : null;
		if (password != null) {
			return new Targets.BalancerTarget(balancer.id(), balancer.name(), balancer.clusterId(), target,
					balancer.listenPort(),
					new AmqpEndpoint(target, balancer.listenPort(), primary.managementUser(), password, "/"), null,
					fingerprint);
		}
		if (isLoopback(target)) {
			return new Targets.BalancerTarget(balancer.id(), balancer.name(), balancer.clusterId(), target,
					balancer.listenPort(), new AmqpEndpoint(target, balancer.listenPort(), "guest", "guest", "/"), null,
					fingerprint);
		}
		return new Targets.BalancerTarget(balancer.id(), balancer.name(), balancer.clusterId(), target,
				balancer.listenPort(), null,
				"the cluster's primary has no management user and password in the inventory, and guest may only "
						+ "log in over loopback",
				fingerprint);
	}

	private String managementPassword(ServerView server) {
		if (server.managementUser() == null || server.managementUser().isBlank()
				|| !server.managementPasswordStored()) {
			return null;
		}
		CachedPassword cached = this.passwords.get(server.id());
		if (cached != null && Objects.equals(cached.updatedAt(), server.updatedAt())) {
			return cached.password();
		}
		String password = this.secrets.reveal(this.servers.credentials(server.id()).managementPassword());
		this.passwords.put(server.id(), new CachedPassword(server.updatedAt(), password));
		return password;
	}

	static boolean isLoopback(String host) {
		return host.startsWith("127.") || host.equalsIgnoreCase("localhost") || host.equals("::1");
	}

	static String baseUrl(String host, int port) {
		String literal = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
		return "http://" + literal + ":" + port;
	}

	private record CachedPassword(Instant updatedAt, String password) {

	}

}
