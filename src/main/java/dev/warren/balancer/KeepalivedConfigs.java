package dev.warren.balancer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.shared.FieldProblem;
import dev.warren.shared.InvalidFieldException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/**
 * keepalived configs for a virtual IP shared by the balancers of one cluster: the MASTER
 * holds it while its balancer process runs, a BACKUP takes it over otherwise. Download
 * only: Warren does not push or run keepalived.
 */
@Service
public class KeepalivedConfigs {

	static final String FILE_NAME = "keepalived.conf";

	static final int MASTER_PRIORITY = 150;

	static final int BACKUP_PRIORITY = 100;

	/** More than the gap between the priorities: a MASTER without its balancer yields. */
	static final int CHECK_WEIGHT = -60;

	private static final Pattern IPV4 = Pattern.compile(
			"((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");

	private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,14}");

	private final Balancers balancers;

	private final Clusters clusters;

	private final Clock clock;

	private final String version;

	KeepalivedConfigs(Balancers balancers, Clusters clusters, Clock clock, ObjectProvider<BuildProperties> build) {
		this.balancers = balancers;
		this.clusters = clusters;
		this.clock = clock;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null && properties.getVersion() != null) ? properties.getVersion() : "dev";
	}

	/**
	 * The keepalived.conf for one balancer host of the cluster.
	 * @throws dev.warren.shared.NotFoundException for an unknown cluster
	 * @throws InvalidFieldException naming each field that is missing or wrong
	 */
	public RenderedConfig render(long clusterId, KeepalivedRequest request) {
		ClusterView cluster = this.clusters.get(clusterId);
		List<BalancerView> fronting = this.balancers.fronting(clusterId);
		List<FieldProblem> problems = new ArrayList<>();
		String virtualIp = (request.virtualIp() != null) ? request.virtualIp().strip() : "";
		if (!IPV4.matcher(virtualIp).matches()) {
			problems.add(new FieldProblem("virtualIp",
					"must be an IPv4 address, optionally with a prefix length, such as 192.0.2.10/24"));
		}
		String networkInterface = (request.networkInterface() != null) ? request.networkInterface().strip() : "";
		if (!INTERFACE.matcher(networkInterface).matches()) {
			problems.add(new FieldProblem("interface",
					"must be a network interface name such as eth0 (letters, digits, '_', '.', ':', '-'; "
							+ "at most 15 characters)"));
		}
		if (request.routerId() == null || request.routerId() < 1 || request.routerId() > 255) {
			problems.add(new FieldProblem("routerId",
					"must be a VRRP router id from 1 to 255, the same on both balancers and unique on the network"));
		}
		if (fronting.size() < 2) {
			problems.add(new FieldProblem("masterBalancerId", "cluster '" + cluster.name() + "' has " + fronting.size()
					+ " balancer(s): a shared virtual IP needs at least two"));
		}
		BalancerView master = pick(fronting, request.masterBalancerId(), "masterBalancerId", problems);
		Long forId = (request.balancerId() != null) ? request.balancerId() : request.masterBalancerId();
		BalancerView target = pick(fronting, forId, "balancerId", problems);
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
		List<Peer> backups = fronting.stream()
			.filter((balancer) -> balancer.id() != master.id())
			.map(Peer::of)
			.toList();
		return render(new Spec(cluster.name(), virtualIp, networkInterface, request.routerId(), Peer.of(master),
				backups, Peer.of(target)), this.clock.instant(), this.version);
	}

	private static BalancerView pick(List<BalancerView> fronting, Long id, String field, List<FieldProblem> problems) {
		if (id == null) {
			problems.add(new FieldProblem(field, "must name one of the cluster's balancers"));
			return null;
		}
		BalancerView found = fronting.stream().filter((balancer) -> balancer.id() == id).findFirst().orElse(null);
		if (found == null) {
			problems.add(new FieldProblem(field, "balancer " + id + " does not front this cluster"));
		}
		return found;
	}

	static RenderedConfig render(Spec spec, Instant generatedAt, String warrenVersion) {
		boolean isMaster = spec.target().id() == spec.master().id();
		String state = isMaster ? "MASTER" : "BACKUP";
		int priority = isMaster ? MASTER_PRIORITY : BACKUP_PRIORITY;
		String process = (spec.target().kind() == BalancerKind.NGINX) ? "nginx" : "haproxy";
		String address = spec.virtualIp().contains("/") ? spec.virtualIp() : spec.virtualIp() + "/32";
		String others = String.join(", ",
				spec.backups().stream().map((backup) -> backup.name() + " on " + backup.host()).toList());
		String content = """
				# keepalived.conf for balancer '%1$s' (%2$s) of RabbitMQ cluster '%3$s'
				# Generated by Warren %4$s at %5$s.
				# The virtual IP %6$s on %7$s belongs to %8$s on %9$s (MASTER, priority %10$d) and moves to
				# %11$s (BACKUP, priority %12$d) when that host or its balancer process is gone.
				# Install as /etc/keepalived/keepalived.conf on %13$s; check: keepalived -t -f /etc/keepalived/keepalived.conf; apply: systemctl reload keepalived
				# Clients connect to the virtual IP on port %14$d: each balancer must listen there (0.0.0.0, or the virtual IP with net.ipv4.ip_nonlocal_bind=1).
				%15$s
				global_defs {
				    router_id %16$s
				    enable_script_security
				    script_user root
				}

				# This host gives the virtual IP up when its %17$s is not running.
				vrrp_script chk_balancer {
				    script "/usr/bin/env pidof %17$s"
				    interval 2
				    fall 2
				    rise 2
				    weight %18$d
				}

				vrrp_instance RABBITMQ_%19$s {
				    state %2$s
				    interface %7$s
				    virtual_router_id %20$d
				    priority %21$d
				    advert_int 1
				    virtual_ipaddress {
				        %22$s dev %7$s
				    }
				    track_script {
				        chk_balancer
				    }
				}
				"""
			.formatted(spec.target().name(), state, spec.clusterName(), warrenVersion,
					generatedAt.truncatedTo(ChronoUnit.SECONDS), spec.virtualIp(), spec.networkInterface(),
					spec.master().name(), spec.master().host(), MASTER_PRIORITY, others, BACKUP_PRIORITY,
					spec.target().host(), spec.target().listenPort(), RenderedConfig.HEADER_END,
					routerName(spec.target().name()), process, CHECK_WEIGHT, routerName(spec.clusterName()),
					spec.routerId(), priority, address);
		return new RenderedConfig(FILE_NAME, RenderedConfig.MEDIA_TYPE, content);
	}

	/** A name keepalived takes as one word. */
	static String routerName(String name) {
		return name.replaceAll("[^A-Za-z0-9_-]", "_");
	}

	record Spec(String clusterName, String virtualIp, String networkInterface, int routerId, Peer master,
			List<Peer> backups, Peer target) {

	}

	/** A balancer as keepalived sees it: a host with a process to watch. */
	record Peer(long id, String name, String host, BalancerKind kind, int listenPort) {

		static Peer of(BalancerView balancer) {
			return new Peer(balancer.id(), balancer.name(), balancer.hostServerName(), balancer.kind(),
					balancer.listenPort());
		}

	}

}
