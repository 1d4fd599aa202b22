package dev.warren.balancer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.clustering.RunKind;
import dev.warren.clustering.RunLauncher;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerCredentials;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.secrets.Secrets;
import dev.warren.shared.InvalidFieldException;

import org.springframework.stereotype.Service;

/**
 * Pushes a balancer's config to its host as a run, and proves it live: upload to a
 * temporary file, validate, back up, move into place, reload, confirm that the reload
 * took (new workers, the port listening, no new errors in the log), then an AMQP round
 * trip through the balancer. Whatever fails after the move puts the previous file back.
 * Every deployment is a revision.
 */
@Service
public class BalancerDeployments {

	private final Balancers balancers;

	private final BalancerConfigs configs;

	private final BalancerRevisions revisions;

	private final RunLauncher launcher;

	private final Servers servers;

	private final Clusters clusters;

	private final Secrets secrets;

	private final AmqpProbe probe;

	private final Clock clock;

	private final AuditLog auditLog;

	BalancerDeployments(Balancers balancers, BalancerConfigs configs, BalancerRevisions revisions, RunLauncher launcher,
			Servers servers, Clusters clusters, Secrets secrets, AmqpProbe probe, Clock clock, AuditLog auditLog) {
		this.balancers = balancers;
		this.configs = configs;
		this.revisions = revisions;
		this.launcher = launcher;
		this.servers = servers;
		this.clusters = clusters;
		this.secrets = secrets;
		this.probe = probe;
		this.clock = clock;
		this.auditLog = auditLog;
	}

	/**
	 * Starts a deployment of the balancer's config as rendered now.
	 * @return the run's id
	 * @throws dev.warren.clustering.ClusterBusyException when another run holds the
	 * balancer's cluster
	 */
	public long deploy(long balancerId, String actor) {
		return deploy(balancerId, actor, RenderedConfig::content);
	}

	/**
	 * Starts a deployment of a revision's content as it was pushed then: a roll back.
	 * @return the run's id
	 */
	public long rollBack(long balancerId, long revisionId, String actor) {
		String content = this.revisions.get(balancerId, revisionId).content();
		return deploy(balancerId, actor, (rendered) -> content);
	}

	/**
	 * Starts a deployment of {@code content} made from the rendered config (tests adjust
	 * it for the lab's paths, or break it on purpose).
	 */
	long deploy(long balancerId, String actor, Function<RenderedConfig, String> content) {
		Deployment deployment = prepare(this.balancers.get(balancerId), content);
		BalancerView balancer = deployment.balancer();
		return this.launcher.launch(RunKind.DEPLOY_BALANCER, balancer.clusterId(),
				"Push " + BalancerConfigs.fileName(balancer) + " to " + deployment.host().name() + " (balancer "
						+ balancer.name() + ")",
				actor, deployment::run);
	}

	/**
	 * Starts one run that deploys the config of every balancer fronting the cluster, one
	 * after the other, and stops at the first that does not go live.
	 * @return the run's id
	 * @throws dev.warren.shared.NotFoundException for an unknown cluster
	 * @throws NothingToDeployException when no balancer fronts the cluster, or one is on
	 * a host Warren cannot push to
	 * @throws dev.warren.clustering.ClusterBusyException when another run holds the
	 * cluster
	 */
	public long deployAll(long clusterId, String actor) {
		return deployAll(clusterId, actor, (balancer) -> RenderedConfig::content);
	}

	/**
	 * Like {@link #deployAll(long, String)}, with each balancer's content made from its
	 * rendered config (tests adjust it for the lab, or break it on purpose).
	 */
	long deployAll(long clusterId, String actor, Function<BalancerView, Function<RenderedConfig, String>> contents) {
		ClusterView cluster = this.clusters.get(clusterId);
		List<BalancerView> fronting = this.balancers.fronting(clusterId)
			.stream()
			.sorted(Comparator.comparing(BalancerView::name, String.CASE_INSENSITIVE_ORDER))
			.toList();
		if (fronting.isEmpty()) {
			throw new NothingToDeployException(
					"No balancer fronts cluster '" + cluster.name() + "': describe one on the Balancers page first");
		}
		List<Deployment> deployments = new ArrayList<>();
		for (BalancerView balancer : fronting) {
			try {
				deployments.add(prepare(balancer, contents.apply(balancer)));
			}
			catch (InvalidFieldException ex) {
				throw new NothingToDeployException("Balancer '" + balancer.name() + "': " + ex.getMessage()
						+ ". Nothing was deployed to any balancer of '" + cluster.name() + "'.");
			}
		}
		DeploymentSequence sequence = new DeploymentSequence(deployments);
		long runId = this.launcher.launch(RunKind.DEPLOY_ALL_BALANCERS, clusterId,
				"Deploy to all balancers of cluster " + cluster.name() + " (" + deployments.size() + ")", actor,
				sequence::run);
		// The run is already under way: its record must not depend on a caller's
		// transaction.
		this.auditLog.recordAs(actor, new AuditEntry("DEPLOY", "CLUSTER", String.valueOf(clusterId),
				"Started run " + runId + ": deploy to all balancers of cluster '" + cluster.name() + "' ("
						+ String.join(", ", fronting.stream().map(BalancerView::name).toList()) + ")",
				null, null), null);
		return runId;
	}

	private Deployment prepare(BalancerView balancer, Function<RenderedConfig, String> content) {
		ServerView host = this.servers.get(balancer.hostServerId());
		if (host.os() == OperatingSystem.WINDOWS) {
			throw new InvalidFieldException("hostServerId", "Warren cannot yet push configs to Windows hosts: download "
					+ "the file and install it by hand on '" + host.name() + "'");
		}
		String newContent = content.apply(this.configs.render(balancer));
		Endpoint endpoint = endpoint(balancer, host);
		return new Deployment(balancer, host, newContent, endpoint.amqp(), endpoint.skipReason(), this.probe,
				this.revisions, this.clock.instant());
	}

	private Endpoint endpoint(BalancerView balancer, ServerView host) {
		String address = balancer.listenAddress();
		String target = (address.equals("0.0.0.0") || address.equals("::") || address.equals("*")) ? host.host()
				: address;
		Optional<ServerView> primary = this.clusters.findById(balancer.clusterId())
			.map(ClusterView::primaryServerId)
			.flatMap(this.servers::findById);
		if (primary.isPresent() && primary.get().managementUser() != null && !primary.get().managementUser().isBlank()
				&& primary.get().managementPasswordStored()) {
			ServerCredentials credentials = this.servers.credentials(primary.get().id());
			String password = this.secrets.reveal(credentials.managementPassword());
			return new Endpoint(
					new AmqpEndpoint(target, balancer.listenPort(), primary.get().managementUser(), password, "/"),
					null);
		}
		if (isLoopback(target)) {
			return new Endpoint(new AmqpEndpoint(target, balancer.listenPort(), "guest", "guest", "/"), null);
		}
		return new Endpoint(null,
				"the cluster's primary has no management user and password in Warren's inventory, "
						+ "and guest may only log in over loopback: no AMQP round trip through " + target + ":"
						+ balancer.listenPort());
	}

	static boolean isLoopback(String host) {
		return host.startsWith("127.") || host.equalsIgnoreCase("localhost") || host.equals("::1");
	}

	private record Endpoint(AmqpEndpoint amqp, String skipReason) {

	}

	/** How long a deployment waits for a reload to show. */
	static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

}
