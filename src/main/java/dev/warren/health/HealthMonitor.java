package dev.warren.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warren.rabbitmq.AmqpProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Probes every node and balancer in the inventory, all the time, and knows their live
 * state.
 * <p>
 * Each node has an AMQP connection kept open and gets a publish/consume round trip every
 * {@code warren.health.amqp-interval}; nodes with management credentials are also asked
 * through their management API every {@code management-interval}; each balancer gets a
 * TCP connect and an AMQP round trip through it every {@code balancer-interval}. Every
 * probe runs on its own thread with a deadline enforced from outside (a frozen node
 * blocks amqp-client calls): a probe that overruns is NOT_RESPONDING and its connection
 * is abandoned, so one slow node never delays another. The inventory is read again before
 * every node round, so added, changed and deleted servers, clusters and balancers are
 * followed without a restart.
 * <p>
 * Every change of a node's, balancer's or cluster's state is published as a
 * {@link HealthStateChanged}; every probe result as a {@link HealthSampled}.
 */
@Service
public class HealthMonitor implements SmartLifecycle {

	static final Duration LIVE_WINDOW = Duration.ofMinutes(15);

	private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

	private final HealthProperties properties;

	private final EstateReader reader;

	private final BalancerProbe balancerProbe;

	private final ManagementApi management;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final HealthMetrics metrics;

	private final Object lock = new Object();

	private final Map<Long, NodeTracker> nodes = new ConcurrentHashMap<>();

	private final Map<Long, BalancerTracker> balancers = new ConcurrentHashMap<>();

	private final Map<Long, ClusterTracker> clusters = new ConcurrentHashMap<>();

	private volatile Targets targets = Targets.EMPTY;

	private volatile ScheduledExecutorService scheduler;

	private volatile ExecutorService probes;

	private volatile boolean running;

	HealthMonitor(HealthProperties properties, EstateReader reader, AmqpProbe amqpProbe, ManagementApi management,
			ApplicationEventPublisher publisher, Clock clock, HealthMetrics metrics) {
		this.properties = properties;
		this.reader = reader;
		this.balancerProbe = new BalancerProbe(amqpProbe);
		this.management = management;
		this.publisher = publisher;
		this.clock = clock;
		this.metrics = metrics;
	}

	/**
	 * The live state of every cluster, node and balancer. With monitoring off, the
	 * inventory with every state UNKNOWN.
	 */
	public HealthSnapshot snapshot() {
		Targets current = this.running ? this.targets : this.reader.read(false);
		Instant now = this.clock.instant();
		List<ClusterHealth> result = new ArrayList<>();
		for (Targets.ClusterEntry cluster : current.clusters()) {
			result.add(clusterHealth(cluster, current, now));
		}
		if (!current.unclustered().isEmpty()) {
			List<NodeHealth> loose = current.unclustered()
				.stream()
				.map((id) -> nodeHealth(current.nodes().get(id), now))
				.filter(Objects::nonNull)
				.toList();
			HealthRules.ClusterVerdict verdict = HealthRules.unclustered(loose);
			result.add(new ClusterHealth(ClusterHealth.NO_CLUSTER, "Not in a cluster", verdict.status(),
					verdict.summary(), loose, List.of(), verdict.state(), null));
		}
		return new HealthSnapshot(now, List.copyOf(result), this.running);
	}

	/**
	 * How many servers, clusters and balancers the inventory has, as of the latest
	 * snapshot (read with it, so that a page shows both from the same moment).
	 */
	public EstateCounts counts() {
		Targets current = this.running ? this.targets : this.reader.read(false);
		return new EstateCounts(current.serverCount(), current.clusters().size(), current.balancers().size());
	}

	/** One node's live state, if the server has a node name. */
	public Optional<NodeHealth> node(long serverId) {
		return snapshot().clusters()
			.stream()
			.flatMap((cluster) -> cluster.nodes().stream())
			.filter((node) -> node.serverId() == serverId)
			.findFirst();
	}

	/** One balancer's live state. */
	public Optional<BalancerHealth> balancer(long id) {
		return snapshot().clusters()
			.stream()
			.flatMap((cluster) -> cluster.balancers().stream())
			.filter((balancer) -> balancer.id() == id)
			.findFirst();
	}

	/**
	 * One cluster's live state ({@link ClusterHealth#NO_CLUSTER} for the pseudo-entry).
	 */
	public Optional<ClusterHealth> cluster(long id) {
		return snapshot().clusters().stream().filter((cluster) -> cluster.id() == id).findFirst();
	}

	/**
	 * Probe results of the last 15 minutes for a node (by server id) or a balancer,
	 * oldest first; empty for anything else.
	 */
	public List<LatencyPoint> recentLatency(TargetKind kind, long id) {
		Tracker tracker = switch (kind) {
			case NODE -> this.nodes.get(id);
			case BALANCER -> this.balancers.get(id);
			case CLUSTER -> null;
		};
		return (tracker != null) ? tracker.latency(this.clock.instant()) : List.of();
	}

	/** Whether probes run. */
	public boolean enabled() {
		return this.running;
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			log.info("Health monitoring is off (warren.health.enabled=false)");
			return;
		}
		this.probes = Executors.newCachedThreadPool(daemon("health-probe-"));
		this.scheduler = Executors.newScheduledThreadPool(2, daemon("health-schedule-"));
		this.running = true;
		// Fixed rate, not fixed delay: a round's own time (reading the inventory) must
		// not
		// stretch the interval, which bounds how late a frozen node is noticed.
		this.scheduler.scheduleAtFixedRate(this::nodeRound, 0, this.properties.amqpInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::balancerRound, 200, this.properties.balancerInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(this::managementRound, 300,
				this.properties.managementInterval().toMillis(), TimeUnit.MILLISECONDS);
		log.info("Health monitoring started: AMQP every {}, management API every {}, balancers every {}",
				this.properties.amqpInterval(), this.properties.managementInterval(),
				this.properties.balancerInterval());
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		this.nodes.values().forEach(NodeTracker::closeConnection);
		if (this.probes != null) {
			this.probes.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void nodeRound() {
		try {
			refresh();
			for (NodeTracker tracker : this.nodes.values()) {
				probeNode(tracker);
			}
			this.metrics.update(snapshot());
		}
		catch (RuntimeException ex) {
			log.warn("Health round failed: {}", ex.toString(), ex);
		}
	}

	private void balancerRound() {
		try {
			for (BalancerTracker tracker : this.balancers.values()) {
				probeBalancer(tracker);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Balancer round failed: {}", ex.toString(), ex);
		}
	}

	private void managementRound() {
		try {
			for (NodeTracker tracker : this.nodes.values()) {
				probeManagement(tracker);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Management round failed: {}", ex.toString(), ex);
		}
	}

	/** Follows the inventory: new targets start UNKNOWN, changed ones reconnect. */
	void refresh() {
		Targets read = this.reader.read(true);
		List<Object> events = new ArrayList<>();
		Instant now = this.clock.instant();
		synchronized (this.lock) {
			for (Targets.NodeTarget target : read.nodes().values()) {
				NodeTracker tracker = this.nodes.get(target.serverId());
				if (tracker == null || !tracker.target.fingerprint().equals(target.fingerprint())) {
					if (tracker != null) {
						tracker.closeConnection();
					}
					NodeTracker fresh = new NodeTracker(target, now);
					if (tracker != null) {
						fresh.inherit(tracker);
					}
					this.nodes.put(target.serverId(), fresh);
				}
				else if (!Objects.equals(tracker.target, target)) {
					tracker.target = target;
				}
			}
			this.nodes.entrySet().removeIf((entry) -> {
				if (!read.nodes().containsKey(entry.getKey())) {
					entry.getValue().closeConnection();
					return true;
				}
				return false;
			});
			for (Targets.BalancerTarget target : read.balancers().values()) {
				BalancerTracker tracker = this.balancers.get(target.id());
				if (tracker == null) {
					this.balancers.put(target.id(), new BalancerTracker(target, now));
				}
				else {
					tracker.target = target;
				}
			}
			this.balancers.keySet().retainAll(read.balancers().keySet());
			this.clusters.keySet().retainAll(read.clusters().stream().map(Targets.ClusterEntry::id).toList());
			this.targets = read;
			for (Targets.ClusterEntry cluster : read.clusters()) {
				evaluateCluster(cluster, now, events);
			}
		}
		events.forEach(this.publisher::publishEvent);
	}

	private void probeNode(NodeTracker tracker) {
		Targets.NodeTarget target = tracker.target;
		if (target.amqp() == null) {
			if (tracker.amqp == null) {
				record(tracker, ProbeResult.unknown(target.reason()));
			}
			return;
		}
		if (!tracker.inFlight.compareAndSet(false, true)) {
			return;
		}
		NodeConnection connection = tracker.connection(this.properties.amqpTimeout());
		Duration timeout = this.properties.amqpTimeout();
		CompletableFuture.supplyAsync(connection::roundTrip, this.probes)
			.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenCompleteAsync((result, failure) -> {
				try {
					ProbeResult outcome = result;
					if (failure != null) {
						tracker.dropConnection(connection);
						connection.abandon();
						outcome = AmqpFailures.notResponding(timeout.toMillis());
					}
					record(tracker, outcome);
				}
				finally {
					tracker.inFlight.set(false);
				}
			}, this.probes);
	}

	private void probeBalancer(BalancerTracker tracker) {
		if (!tracker.inFlight.compareAndSet(false, true)) {
			return;
		}
		Targets.BalancerTarget target = tracker.target;
		Duration timeout = this.properties.balancerTimeout();
		CompletableFuture.supplyAsync(() -> this.balancerProbe.probe(target, timeout), this.probes)
			.orTimeout(timeout.toMillis() + 250, TimeUnit.MILLISECONDS)
			.whenCompleteAsync((result, failure) -> {
				try {
					record(tracker, (failure != null) ? ProbeResult.notResponding("no answer through " + target.host()
							+ ":" + target.port() + " within " + timeout.toMillis() + " ms") : result);
				}
				finally {
					tracker.inFlight.set(false);
				}
			}, this.probes);
	}

	private void probeManagement(NodeTracker tracker) {
		if (tracker.target.management() == null || !tracker.managementInFlight.compareAndSet(false, true)) {
			return;
		}
		this.management.fetch(tracker.target, this.properties.managementTimeout())
			.whenCompleteAsync((report, failure) -> {
				try {
					if (report != null) {
						List<Object> events = new ArrayList<>();
						synchronized (this.lock) {
							if (this.nodes.get(tracker.target.serverId()) == tracker) {
								tracker.management = report;
								evaluateNode(tracker, this.clock.instant(), events, false);
							}
						}
						events.forEach(this.publisher::publishEvent);
					}
				}
				finally {
					tracker.managementInFlight.set(false);
				}
			}, this.probes);
	}

	private void record(NodeTracker tracker, ProbeResult result) {
		List<Object> events = new ArrayList<>();
		synchronized (this.lock) {
			if (this.nodes.get(tracker.target.serverId()) != tracker) {
				return;
			}
			Instant now = this.clock.instant();
			tracker.amqp = result;
			tracker.lastProbeAt = now;
			tracker.addPoint(new LatencyPoint(now, result.roundTripMs(), result.state()), now);
			evaluateNode(tracker, now, events, true);
		}
		events.forEach(this.publisher::publishEvent);
	}

	private void record(BalancerTracker tracker, ProbeResult result) {
		List<Object> events = new ArrayList<>();
		synchronized (this.lock) {
			if (this.balancers.get(tracker.target.id()) != tracker) {
				return;
			}
			Instant now = this.clock.instant();
			tracker.lastProbeAt = now;
			tracker.roundTripMs = result.roundTripMs();
			tracker.detail = result.detail();
			tracker.addPoint(new LatencyPoint(now, result.roundTripMs(), result.state()), now);
			Targets.BalancerTarget target = tracker.target;
			if (tracker.state != result.state()) {
				events.add(new HealthStateChanged(TargetKind.BALANCER, target.id(), target.name(), target.clusterId(),
						tracker.state, result.state(), now, result.detail()));
				tracker.state = result.state();
				tracker.since = now;
			}
			events.add(new HealthSampled(TargetKind.BALANCER, target.id(), target.name(), target.clusterId(),
					result.state(), result.roundTripMs(), now, result.detail()));
			clusterEntry(target.clusterId()).ifPresent((cluster) -> evaluateCluster(cluster, now, events));
		}
		events.forEach(this.publisher::publishEvent);
	}

	private void evaluateNode(NodeTracker tracker, Instant now, List<Object> events, boolean sampled) {
		Targets.NodeTarget target = tracker.target;
		HealthRules.NodeVerdict verdict = HealthRules.node(tracker.amqp, tracker.management,
				expectedMembers(target.clusterId()), now, this.properties.managementInterval().multipliedBy(3));
		tracker.verdict = verdict;
		if (tracker.state != verdict.state()) {
			events.add(new HealthStateChanged(TargetKind.NODE, target.serverId(), target.nodeName(), target.clusterId(),
					tracker.state, verdict.state(), now, verdict.detail()));
			tracker.state = verdict.state();
			tracker.since = now;
		}
		if (sampled) {
			events.add(new HealthSampled(TargetKind.NODE, target.serverId(), target.nodeName(), target.clusterId(),
					verdict.state(), (tracker.amqp != null) ? tracker.amqp.roundTripMs() : null, now,
					verdict.detail()));
		}
		if (target.clusterId() != null) {
			clusterEntry(target.clusterId()).ifPresent((cluster) -> evaluateCluster(cluster, now, events));
		}
	}

	private void evaluateCluster(Targets.ClusterEntry cluster, Instant now, List<Object> events) {
		ClusterHealth health = clusterHealth(cluster, this.targets, now);
		ClusterTracker tracker = this.clusters.computeIfAbsent(cluster.id(), (id) -> new ClusterTracker(now));
		tracker.summary = health.summary();
		if (!health.status().equals(tracker.status)) {
			events.add(new HealthStateChanged(TargetKind.CLUSTER, cluster.id(), cluster.name(), cluster.id(),
					tracker.state, health.state(), now, health.summary()));
			tracker.status = health.status();
			tracker.state = health.state();
			tracker.since = now;
		}
	}

	private Optional<Targets.ClusterEntry> clusterEntry(long clusterId) {
		return this.targets.clusters().stream().filter((cluster) -> cluster.id() == clusterId).findFirst();
	}

	private List<String> expectedMembers(Long clusterId) {
		return (clusterId != null) ? clusterEntry(clusterId).map(Targets.ClusterEntry::expectedNodes).orElse(List.of())
				: List.of();
	}

	private ClusterHealth clusterHealth(Targets.ClusterEntry cluster, Targets current, Instant now) {
		List<NodeHealth> members = cluster.memberServerIds()
			.stream()
			.map((id) -> nodeHealth(current.nodes().get(id), now))
			.filter(Objects::nonNull)
			.toList();
		List<BalancerHealth> fronting = cluster.balancerIds()
			.stream()
			.map((id) -> balancerHealth(current.balancers().get(id), now))
			.filter(Objects::nonNull)
			.toList();
		HealthRules.ClusterVerdict verdict = HealthRules.cluster(members, fronting);
		if (!this.running && !members.isEmpty()) {
			verdict = new HealthRules.ClusterVerdict("unknown", "unknown: " + off(), HealthState.UNKNOWN);
		}
		ClusterTracker tracker = this.running ? this.clusters.get(cluster.id()) : null;
		return new ClusterHealth(cluster.id(), cluster.name(), verdict.status(), verdict.summary(), members, fronting,
				verdict.state(), (tracker != null) ? tracker.since : now);
	}

	private NodeHealth nodeHealth(Targets.NodeTarget target, Instant now) {
		if (target == null) {
			return null;
		}
		NodeTracker tracker = this.running ? this.nodes.get(target.serverId()) : null;
		if (tracker == null) {
			return new NodeHealth(target.serverId(), target.serverName(), target.nodeName(), HealthState.UNKNOWN, now,
					null, List.of(), null, this.running ? "not probed yet" : off(), target.clusterId(), null, null);
		}
		HealthRules.NodeVerdict verdict = tracker.verdict;
		return new NodeHealth(target.serverId(), target.serverName(), target.nodeName(), tracker.state, tracker.since,
				(tracker.amqp != null) ? tracker.amqp.roundTripMs() : null, verdict.alarms(), verdict.connections(),
				verdict.detail(), target.clusterId(), tracker.lastProbeAt, verdict.facts());
	}

	private BalancerHealth balancerHealth(Targets.BalancerTarget target, Instant now) {
		if (target == null) {
			return null;
		}
		String address = target.host() + ":" + target.port();
		BalancerTracker tracker = this.running ? this.balancers.get(target.id()) : null;
		if (tracker == null) {
			return new BalancerHealth(target.id(), target.name(), HealthState.UNKNOWN, now, null,
					this.running ? "not probed yet" : off(), target.clusterId(), address, null);
		}
		return new BalancerHealth(target.id(), target.name(), tracker.state, tracker.since, tracker.roundTripMs,
				tracker.detail, target.clusterId(), address, tracker.lastProbeAt);
	}

	private static String off() {
		return "health monitoring is off (warren.health.enabled=false)";
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private abstract static class Tracker {

		final AtomicBoolean inFlight = new AtomicBoolean();

		private final Deque<LatencyPoint> points = new ArrayDeque<>();

		HealthState state = HealthState.UNKNOWN;

		Instant since;

		Instant lastProbeAt;

		Tracker(Instant since) {
			this.since = since;
		}

		synchronized void addPoint(LatencyPoint point, Instant now) {
			this.points.addLast(point);
			Instant oldest = now.minus(LIVE_WINDOW);
			while (!this.points.isEmpty() && this.points.peekFirst().at().isBefore(oldest)) {
				this.points.removeFirst();
			}
		}

		synchronized List<LatencyPoint> latency(Instant now) {
			Instant oldest = now.minus(LIVE_WINDOW);
			return this.points.stream().filter((point) -> !point.at().isBefore(oldest)).toList();
		}

		synchronized void inheritPoints(Tracker other) {
			synchronized (other) {
				this.points.addAll(other.points);
			}
		}

	}

	private static final class NodeTracker extends Tracker {

		volatile Targets.NodeTarget target;

		final AtomicBoolean managementInFlight = new AtomicBoolean();

		private NodeConnection connection;

		ProbeResult amqp;

		ManagementReport management;

		HealthRules.NodeVerdict verdict = new HealthRules.NodeVerdict(HealthState.UNKNOWN, "not probed yet", List.of(),
				null, null);

		NodeTracker(Targets.NodeTarget target, Instant since) {
			super(since);
			this.target = target;
		}

		/** Keeps the state and history of the tracker it replaces (a changed server). */
		void inherit(NodeTracker other) {
			this.state = other.state;
			this.since = other.since;
			this.verdict = other.verdict;
			this.lastProbeAt = other.lastProbeAt;
			inheritPoints(other);
		}

		synchronized NodeConnection connection(Duration timeout) {
			if (this.connection == null) {
				this.connection = new NodeConnection(this.target.amqp(), timeout);
			}
			return this.connection;
		}

		synchronized void dropConnection(NodeConnection dropped) {
			if (this.connection == dropped) {
				this.connection = null;
			}
		}

		synchronized void closeConnection() {
			if (this.connection != null) {
				NodeConnection closing = this.connection;
				this.connection = null;
				Thread closer = new Thread(closing::abandon, "health-close");
				closer.setDaemon(true);
				closer.start();
			}
		}

	}

	private static final class BalancerTracker extends Tracker {

		volatile Targets.BalancerTarget target;

		Long roundTripMs;

		String detail = "not probed yet";

		BalancerTracker(Targets.BalancerTarget target, Instant since) {
			super(since);
			this.target = target;
		}

	}

	private static final class ClusterTracker {

		String status = "unknown";

		HealthState state = HealthState.UNKNOWN;

		String summary;

		Instant since;

		ClusterTracker(Instant since) {
			this.since = since;
		}

	}

}
