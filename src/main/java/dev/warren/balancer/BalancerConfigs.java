package dev.warren.balancer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.shared.ConflictException;
import dev.warren.shared.NotFoundException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that renders a balancer's config: NGINX {@code stream {}} (a complete
 * nginx.conf or an include file) or HAProxy {@code mode tcp}, with the cluster's current
 * members as upstream servers. Downloads, deployments and drift checks all use it.
 */
@Service
@Transactional(readOnly = true)
public class BalancerConfigs {

	private static final ConfigTemplates TEMPLATES = new ConfigTemplates();

	private final Balancers balancers;

	private final Clusters clusters;

	private final Servers servers;

	private final Clock clock;

	private final String version;

	private final ObjectProvider<EjectedNodes> ejections;

	BalancerConfigs(Balancers balancers, Clusters clusters, Servers servers, Clock clock,
			ObjectProvider<BuildProperties> build, ObjectProvider<EjectedNodes> ejections) {
		this.ejections = ejections;
		this.balancers = balancers;
		this.clusters = clusters;
		this.servers = servers;
		this.clock = clock;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "dev";
	}

	/**
	 * The balancer's config as of now.
	 * @throws NotFoundException if there is no such balancer
	 * @throws ConflictException if its cluster has no members
	 */
	public RenderedConfig render(long balancerId) {
		return render(this.balancers.get(balancerId));
	}

	/**
	 * The config for this definition of a balancer, with its cluster's current members,
	 * stamped with the current time and Warren's version.
	 * @throws ConflictException if its cluster has no members
	 */
	public RenderedConfig render(BalancerView balancer) {
		return render(spec(balancer), this.clock.instant(), this.version);
	}

	/**
	 * The name of the file {@link #render(BalancerView)} produces, without rendering it.
	 */
	public static String fileName(BalancerView balancer) {
		return fileName(balancer.kind(), balancer.nginxLayout());
	}

	static RenderedConfig render(ConfigSpec spec, Instant generatedAt, String warrenVersion) {
		String body = TEMPLATES.body(spec);
		String header = TEMPLATES.header(spec, fileName(spec.kind(), spec.settings().nginxLayout()),
				generatedAt.truncatedTo(ChronoUnit.SECONDS), warrenVersion);
		return new RenderedConfig(fileName(spec.kind(), spec.settings().nginxLayout()), RenderedConfig.MEDIA_TYPE,
				header + body);
	}

	private static String fileName(BalancerKind kind, NginxLayout layout) {
		return (kind == BalancerKind.NGINX) ? layout.fileName() : kind.fileName();
	}

	private ConfigSpec spec(BalancerView balancer) {
		ClusterView cluster = this.clusters.findById(balancer.clusterId())
			.orElseThrow(() -> new NotFoundException("Cluster", balancer.clusterId()));
		ServerView host = this.servers.findById(balancer.hostServerId())
			.orElseThrow(() -> new NotFoundException("Server", balancer.hostServerId()));
		EjectedNodes source = this.ejections.getIfAvailable();
		Set<Long> ejected = (source != null) ? source.ejected(cluster.id()) : Set.of();
		List<ConfigSpec.Upstream> upstreams = cluster.members()
			.stream()
			.map((member) -> new ConfigSpec.Upstream(member.serverName(), member.nodeName(), member.host(),
					member.amqpPort(), managementPort(member), member.serverId(), ejected.contains(member.serverId())))
			.toList();
		if (upstreams.isEmpty()) {
			throw new ConflictException("clusterId",
					"cluster '" + cluster.name() + "' has no members: there is nothing to balance");
		}
		return new ConfigSpec(balancer.name(), cluster.name(), balancer.kind(), host.os(), balancer.listenAddress(),
				balancer.listenPort(), balancer.configPath(), balancer.validateCommand(), balancer.reloadCommand(),
				balancer.settings(), upstreams, balancer.pidFile(), balancer.errorLog());
	}

	/**
	 * The names the rendered HAProxy config gives the cluster's servers, by server id:
	 * what its runtime API calls them ({@code set server <backend>/<name>}).
	 */
	public Map<Long, String> haproxyServerNames(BalancerView balancer) {
		List<ConfigSpec.Upstream> upstreams = ConfigTemplates.ordered(spec(balancer).upstreams());
		List<String> names = ConfigTemplates.uniqueNames(upstreams);
		Map<Long, String> byServer = new LinkedHashMap<>();
		for (int i = 0; i < upstreams.size(); i++) {
			byServer.put(upstreams.get(i).serverId(), names.get(i));
		}
		return byServer;
	}

	private int managementPort(ClusterView.Member member) {
		return this.servers.findById(member.serverId())
			.map(ServerView::managementPort)
			.orElseThrow(() -> new NotFoundException("Server", member.serverId()));
	}

}
