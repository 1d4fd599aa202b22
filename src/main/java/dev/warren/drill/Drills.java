package dev.warren.drill;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.warren.balancer.BalancerView;
import dev.warren.balancer.Balancers;
import dev.warren.clustering.ClusteringProperties;
import dev.warren.clustering.PreflightCheck;
import dev.warren.clustering.RunKind;
import dev.warren.clustering.RunLauncher;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.ServerCredentials;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.CliErrors;
import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import dev.warren.secrets.Secrets;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failover drills: the safety checks (read only), starting a drill as a run, and the
 * saved reports.
 */
@Service
public class Drills {

	private static final ExecutorService readers = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "drill-check");
		thread.setDaemon(true);
		return thread;
	});

	private final Clusters clusters;

	private final Servers servers;

	private final Balancers balancers;

	private final RemoteShells shells;

	private final Secrets secrets;

	private final RunLauncher launcher;

	private final DrillRecorder recorder;

	private final DrillRepository repository;

	private final DrillProperties properties;

	private final ClusteringProperties clustering;

	private final Clock clock;

	Drills(Clusters clusters, Servers servers, Balancers balancers, RemoteShells shells, Secrets secrets,
			RunLauncher launcher, DrillRecorder recorder, DrillRepository repository, DrillProperties properties,
			ClusteringProperties clustering, Clock clock) {
		this.clusters = clusters;
		this.servers = servers;
		this.balancers = balancers;
		this.shells = shells;
		this.secrets = secrets;
		this.launcher = launcher;
		this.recorder = recorder;
		this.repository = repository;
		this.properties = properties;
		this.clustering = clustering;
		this.clock = clock;
	}

	/**
	 * Reads every member (in parallel, read only) and says whether the node may be
	 * stopped, and what the drill will do.
	 * @throws InvalidFieldException when the server is not a member, the balancer does
	 * not front the cluster or the wait is out of range
	 */
	public DrillPlan plan(long clusterId, DrillRequest request, String actor) {
		Target target = target(clusterId, request);
		List<SafetyRules.NodeReading> readings = read(target.members(), actor);
		Endpoint endpoint = (target.balancer() != null) ? endpoint(target.balancer(), target.cluster()) : null;
		List<PreflightCheck> checks = new java.util.ArrayList<>(SafetyRules.check(target.cluster(), target.server(),
				readings, target.fronting(), target.balancer(), (endpoint != null) ? endpoint.problem() : null));
		try {
			dev.warren.rabbitmq.ServerPrivileges
				.missing(this.shells, target.server(), actor, this.clustering.checkTimeout())
				.ifPresent((missing) -> checks.add(new PreflightCheck(target.server().name(), "Privileges",
						PreflightCheck.Verdict.FAIL, missing, null, null)));
		}
		catch (dev.warren.remote.RemoteException ex) {
			// The node's reading above says so.
		}
		String queueType = queueType(target.cluster());
		return new DrillPlan(target.cluster(), target.server(), target.balancer(), target.fronting(),
				target.waitSeconds(), queueType, checks, steps(target, queueType));
	}

	/**
	 * Checks, then starts the drill as a run.
	 * @return the drill's and the run's ids
	 * @throws DrillRefusedException when a safety check fails
	 * @throws dev.warren.clustering.ClusterBusyException when another run holds the
	 * cluster
	 */
	public Started start(long clusterId, DrillRequest request, String actor) {
		DrillPlan plan = plan(clusterId, request, actor);
		if (!plan.passed()) {
			throw new DrillRefusedException(plan.checks());
		}
		Target target = target(clusterId, request);
		Endpoint endpoint = endpoint(target.balancer(), target.cluster());
		CompletableFuture<Long> drillId = new CompletableFuture<>();
		ServerView declareOn = declareOn(target);
		AmqpEndpoint amqp = endpoint.amqp();
		AmqpEndpoint declareThrough = queueType(target.cluster()).equals("quorum") ? amqp : new AmqpEndpoint(
				declareOn.host(), declareOn.amqpPort(), amqp.username(), amqp.password(), amqp.virtualHost());
		DrillExecution.DrillSetup setup = new DrillExecution.DrillSetup(target.cluster(), target.server(),
				target.members(), target.fronting(), target.balancer(),
				this.servers.get(target.balancer().hostServerId()), amqp, declareOn, declareThrough,
				managementEndpoints(target.members(), target.server()), Duration.ofSeconds(target.waitSeconds()),
				queueType(target.cluster()));
		DrillExecution execution = new DrillExecution(this, setup, this.properties, this.clustering, drillId,
				this.recorder);
		long runId = this.launcher.launch(
				RunKind.FAILOVER_DRILL, clusterId, "Failover drill: stop " + target.server().nodeName() + " in "
						+ target.cluster().name() + " (through " + target.balancer().name() + ")",
				actor, execution::run);
		Drill drill = new Drill(clusterId, target.cluster().name(), target.server().id(), target.server().nodeName(),
				target.balancer().id(), target.balancer().name(), endpoint.amqp().host() + ":" + endpoint.amqp().port(),
				actor, this.clock.instant(), target.waitSeconds());
		long id = this.recorder.started(drill, runId);
		drillId.complete(id);
		return new Started(id, runId);
	}

	public int defaultWaitSeconds() {
		return (int) Math.max(1, this.properties.stopFor().toSeconds());
	}

	public List<BalancerView> balancersOf(long clusterId) {
		return this.balancers.fronting(clusterId);
	}

	@Transactional(readOnly = true)
	public List<DrillView> list(long clusterId) {
		this.clusters.get(clusterId);
		return this.repository.findByClusterIdOrderByStartedAtDescIdDesc(clusterId)
			.stream()
			.map(Drill::toView)
			.toList();
	}

	@Transactional(readOnly = true)
	public DrillView get(long id) {
		return this.repository.findById(id).map(Drill::toView).orElseThrow(() -> new NotFoundException("Drill", id));
	}

	@Transactional(readOnly = true)
	public Optional<DrillView> ofRun(long runId) {
		return this.repository.findByRunId(runId).map(Drill::toView);
	}

	private Target target(long clusterId, DrillRequest request) {
		ClusterView cluster = this.clusters.get(clusterId);
		if (request.serverId() == null) {
			throw new InvalidFieldException("serverId", "choose the node to stop");
		}
		if (!cluster.memberServerIds().contains(request.serverId())) {
			throw new InvalidFieldException("serverId",
					"server " + request.serverId() + " is not a member of cluster '" + cluster.name() + "'");
		}
		int waitSeconds = (request.waitSeconds() != null) ? request.waitSeconds()
				: (int) Math.max(1, this.properties.stopFor().toSeconds());
		if (waitSeconds < 1 || waitSeconds > DrillProperties.MAX_WAIT_SECONDS) {
			throw new InvalidFieldException("waitSeconds",
					"must be between 1 and " + DrillProperties.MAX_WAIT_SECONDS + " seconds");
		}
		List<BalancerView> fronting = this.balancers.fronting(clusterId);
		BalancerView balancer = null;
		if (request.balancerId() != null) {
			balancer = fronting.stream()
				.filter((b) -> b.id() == request.balancerId())
				.findFirst()
				.orElseThrow(() -> new InvalidFieldException("balancerId",
						"balancer " + request.balancerId() + " does not front cluster '" + cluster.name() + "'"));
		}
		else if (fronting.size() == 1) {
			balancer = fronting.get(0);
		}
		List<ServerView> members = cluster.memberServerIds().stream().map(this.servers::get).toList();
		ServerView server = this.servers.get(request.serverId());
		return new Target(cluster, server, members, fronting, balancer, waitSeconds);
	}

	/**
	 * Where the queue is declared: a quorum queue anywhere (the primary, unless it is the
	 * node to stop), a classic queue on a member that stays up.
	 */
	private static ServerView declareOn(Target target) {
		return target.members()
			.stream()
			.filter((member) -> member.id() != target.server().id())
			.filter((member) -> member.id() == target.cluster().primaryServerId())
			.findFirst()
			.orElseGet(() -> target.members()
				.stream()
				.filter((member) -> member.id() != target.server().id())
				.findFirst()
				.orElseThrow());
	}

	private static String queueType(ClusterView cluster) {
		return (cluster.memberServerIds().size() >= 3) ? "quorum" : "classic";
	}

	private List<String> steps(Target target, String queueType) {
		String node = target.server().nodeName();
		String through = (target.balancer() != null) ? target.balancer().name() + " ("
				+ target.balancer().listenAddress() + ":" + target.balancer().listenPort() + ")" : "the balancer";
		List<String> steps = new ArrayList<>();
		steps.add("Check the cluster again, then declare a durable " + queueType + " queue for the drill"
				+ (queueType.equals("classic") ? ", on a node other than " + node : " (replicated on every member)"));
		steps.add("Through " + through + ": a publisher (persistent messages, each confirmed, one every "
				+ this.properties.publishInterval().toMillis() + " ms) and a consumer (manual acks), both with "
				+ "automatic recovery, each connected to " + node + " when the balancer lets it (so that both fail "
				+ "over); a prober opens a fresh connection every " + this.properties.probeInterval().toMillis()
				+ " ms and notes which node it landed on");
		steps.add("Stop the RabbitMQ application on " + node + " (stop_app): its clients are disconnected");
		steps.add("Wait " + target.waitSeconds() + " s");
		steps.add("Start it again (start_app) and verify that every member sees it running");
		steps.add("Wait until the balancer sends new connections to " + node + " again (up to "
				+ this.properties.backTimeout().toSeconds() + " s), let the consumer drain, delete the queue");
		steps.add("Report: messages sent, confirmed, received, lost, duplicates; the longest gap between two "
				+ "receipts; how long the balancer kept sending new connections to " + node
				+ " and how long until it used it again");
		return steps;
	}

	List<SafetyRules.NodeReading> read(List<ServerView> members, String actor) {
		List<CompletableFuture<SafetyRules.NodeReading>> readings = members.stream()
			.map((server) -> CompletableFuture.supplyAsync(() -> read(server, actor), readers))
			.toList();
		return readings.stream().map(CompletableFuture::join).toList();
	}

	private SafetyRules.NodeReading read(ServerView server, String actor) {
		try (RemoteSession session = this.shells.open(server.id(), actor)) {
			CommandResult result = session.run(RabbitmqCommands.clusterStatus(RabbitmqNode.of(server)),
					this.clustering.checkTimeout(), OutputListener.NONE);
			if (!result.succeeded()) {
				return new SafetyRules.NodeReading(server, null, CliErrors.explain(result.exitCode(), result.output()),
						result.command(), result.output());
			}
			return new SafetyRules.NodeReading(server, ClusterStatus.parse(result.stdout()), null, result.command(),
					result.output());
		}
		catch (RemoteException | IllegalArgumentException ex) {
			return new SafetyRules.NodeReading(server, null, ex.getMessage(), null, null);
		}
	}

	/**
	 * The AMQP login through the balancer, by the same rule as a balancer deployment's
	 * round trip: the cluster primary's management user, or {@code guest} when the
	 * balancer listens on loopback.
	 */
	private Endpoint endpoint(BalancerView balancer, ClusterView cluster) {
		ServerView host = this.servers.get(balancer.hostServerId());
		String address = balancer.listenAddress();
		String target = (address.equals("0.0.0.0") || address.equals("::") || address.equals("*")) ? host.host()
				: address;
		Optional<Login> login = login(this.servers.get(cluster.primaryServerId()));
		if (login.isPresent()) {
			return new Endpoint(
					new AmqpEndpoint(target, balancer.listenPort(), login.get().user(), login.get().password(), "/"),
					null);
		}
		if (isLoopback(target)) {
			return new Endpoint(new AmqpEndpoint(target, balancer.listenPort(), "guest", "guest", "/"), null);
		}
		return new Endpoint(null,
				"the cluster's primary has no management user and password in Warren's inventory, "
						+ "and guest may only log in over loopback: the drill's clients cannot log in through " + target
						+ ":" + balancer.listenPort());
	}

	/** Every member but the one to stop whose management API Warren can log in to. */
	private List<NodeLocator.ManagementEndpoint> managementEndpoints(List<ServerView> members, ServerView victim) {
		List<NodeLocator.ManagementEndpoint> endpoints = new ArrayList<>();
		for (ServerView member : members) {
			if (member.id() == victim.id() || member.managementPort() < 1) {
				continue;
			}
			Optional<Login> login = login(member);
			if (login.isPresent()) {
				endpoints.add(new NodeLocator.ManagementEndpoint(member.nodeName(), member.host(),
						member.managementPort(), login.get().user(), login.get().password()));
			}
			else if (isLoopback(member.host())) {
				endpoints.add(new NodeLocator.ManagementEndpoint(member.nodeName(), member.host(),
						member.managementPort(), "guest", "guest"));
			}
		}
		return endpoints;
	}

	private Optional<Login> login(ServerView server) {
		if (server.managementUser() == null || server.managementUser().isBlank()
				|| !server.managementPasswordStored()) {
			return Optional.empty();
		}
		ServerCredentials credentials = this.servers.credentials(server.id());
		return Optional.of(new Login(server.managementUser(), this.secrets.reveal(credentials.managementPassword())));
	}

	static boolean isLoopback(String host) {
		return host.startsWith("127.") || host.equalsIgnoreCase("localhost") || host.equals("::1");
	}

	/** A drill that started: its report's id and its run's id. */
	public record Started(long drillId, long runId) {

	}

	private record Login(String user, String password) {

	}

	private record Endpoint(AmqpEndpoint amqp, String problem) {

	}

	private record Target(ClusterView cluster, ServerView server, List<ServerView> members, List<BalancerView> fronting,
			BalancerView balancer, int waitSeconds) {

	}

}
