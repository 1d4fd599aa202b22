package dev.warren.ejection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.balancer.BalancerDeployments;
import dev.warren.balancer.BalancerKind;
import dev.warren.balancer.BalancerView;
import dev.warren.balancer.Balancers;
import dev.warren.balancer.EjectedNodes;
import dev.warren.balancer.HaproxyRuntime;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.ejection.EjectionRules.Action;
import dev.warren.ejection.EjectionRules.Decision;
import dev.warren.ejection.EjectionRules.Member;
import dev.warren.health.HealthMonitor;
import dev.warren.health.HealthState;
import dev.warren.health.HealthStateChanged;
import dev.warren.health.HealthWebhook;
import dev.warren.health.NodeHealth;
import dev.warren.health.TargetKind;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes unhealthy members out of every balancer that fronts their cluster and puts them
 * back, as each cluster's policy says ({@link EjectionRules}). Health changes wake it at
 * once; a one-second tick brings members back after their hold-down and retries what a
 * balancer refused. HAProxy is told through its runtime API ({@link HaproxyRuntime}),
 * NGINX by a push of its config with the member {@code down} (a confirmed deployment run,
 * recorded as a revision). Every decision is stored first (so the rendered configs
 * reflect it and it survives a restart), audited, counted
 * ({@code warren_ejections_total}), then applied; on start, the stored ejections are
 * applied again.
 */
@Service
class Ejector implements EjectedNodes, SmartLifecycle {

	static final String ACTOR = "warren (ejection)";

	private static final Logger logger = LoggerFactory.getLogger(Ejector.class);

	private static final Duration RETRY = Duration.ofSeconds(10);

	private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(120);

	private final EjectionPolicyRepository policies;

	private final NodeEjectionRepository ejections;

	private final Clusters clusters;

	private final HealthMonitor monitor;

	private final Balancers balancers;

	private final BalancerDeployments deployments;

	private final HaproxyRuntime haproxy;

	private final Runs runs;

	private final AuditLog auditLog;

	private final MeterRegistry meters;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final HealthWebhook webhook;

	private final ApplicationEventPublisher events;

	private final Map<Long, Instant> lastAttempt = new ConcurrentHashMap<>();

	private final Map<Long, List<String>> held = new ConcurrentHashMap<>();

	private volatile ThreadPoolTaskScheduler scheduler;

	Ejector(EjectionPolicyRepository policies, NodeEjectionRepository ejections, Clusters clusters,
			HealthMonitor monitor, Balancers balancers, BalancerDeployments deployments, HaproxyRuntime haproxy,
			Runs runs, AuditLog auditLog, MeterRegistry meters, Clock clock, TransactionTemplate transactions,
			HealthWebhook webhook, ApplicationEventPublisher events) {
		this.webhook = webhook;
		this.events = events;
		this.policies = policies;
		this.ejections = ejections;
		this.clusters = clusters;
		this.monitor = monitor;
		this.balancers = balancers;
		this.deployments = deployments;
		this.haproxy = haproxy;
		this.runs = runs;
		this.auditLog = auditLog;
		this.meters = meters;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** What {@link #ejected(long)} read, by cluster, until the next change. */
	private final Map<Long, Set<Long>> ejectedByCluster = new ConcurrentHashMap<>();

	@Override
	public Set<Long> ejected(long clusterId) {
		return this.ejectedByCluster.computeIfAbsent(clusterId,
				(id) -> this.ejections.findByClusterIdAndEjectedTrue(id)
					.stream()
					.map(NodeEjection::serverId)
					.collect(Collectors.toUnmodifiableSet()));
	}

	/** Why members that the policy would take out stay in, as of the last look. */
	List<String> held(long clusterId) {
		return this.held.getOrDefault(clusterId, List.of());
	}

	@EventListener
	void on(HealthStateChanged change) {
		if (change.kind() == TargetKind.NODE && change.clusterId() != null) {
			submit(change.clusterId());
		}
	}

	@EventListener
	void on(EjectionPolicies.PolicyChanged change) {
		submit(change.clusterId());
	}

	private void submit(long clusterId) {
		ThreadPoolTaskScheduler running = this.scheduler;
		if (running != null) {
			running.execute(() -> look(clusterId));
		}
	}

	/**
	 * Every cluster with a policy on, or with members out (its policy may be off now).
	 */
	private void tick() {
		Set<Long> clusterIds = new LinkedHashSet<>();
		this.policies.findByEnabledTrue().forEach((policy) -> clusterIds.add(policy.clusterId()));
		this.ejections.findAll()
			.stream()
			.filter((row) -> row.ejected() || !row.isApplied())
			.forEach((row) -> clusterIds.add(row.clusterId()));
		clusterIds.forEach(this::look);
	}

	private void look(long clusterId) {
		try {
			decideAndApply(clusterId);
		}
		catch (RuntimeException ex) {
			logger.warn("Ejection for cluster {} could not be decided: {}", clusterId, ex.toString());
		}
	}

	private void decideAndApply(long clusterId) {
		Optional<ClusterView> found = this.clusters.findById(clusterId);
		if (found.isEmpty()) {
			return;
		}
		ClusterView cluster = found.get();
		EjectionSettings policy = this.policies.findById(clusterId)
			.map(EjectionPolicy::settings)
			.orElse(EjectionSettings.DEFAULTS);
		Map<Long, NodeEjection> rows = this.ejections.findByClusterId(clusterId)
			.stream()
			.collect(Collectors.toMap(NodeEjection::serverId, (row) -> row));
		Instant now = this.clock.instant();
		List<Member> members = new ArrayList<>();
		for (ClusterView.Member member : cluster.members()) {
			Optional<NodeHealth> health = this.monitor.node(member.serverId());
			HealthState state = health.map(NodeHealth::state).orElse(HealthState.UNKNOWN);
			NodeEjection row = rows.get(member.serverId());
			members.add(new Member(member.serverId(), member.nodeName(), state,
					(state == HealthState.UP) ? health.get().since() : null, row != null && row.ejected(),
					(row != null) ? row.changedAt() : null));
		}
		List<String> heldNow = new ArrayList<>();
		for (int i = 0; i < members.size(); i++) {
			Member member = members.get(i);
			Decision decision = EjectionRules.decide(policy, member, members, now);
			if (decision.action() == Action.HELD) {
				heldNow.add(decision.reason());
			}
			else if (decision.action() == Action.EJECT || decision.action() == Action.RETURN) {
				boolean out = decision.action() == Action.EJECT;
				change(cluster, member.serverId(), out, decision.reason(), now);
				members.set(i,
						new Member(member.serverId(), member.name(), member.state(), member.upSince(), out, now));
				apply(cluster, member.serverId(), member.name(), out);
			}
		}
		this.held.put(clusterId, List.copyOf(heldNow));
		for (NodeEjection row : this.ejections.findByClusterId(clusterId)) {
			if (!row.isApplied()
					&& now.isAfter(this.lastAttempt.getOrDefault(row.serverId(), Instant.EPOCH).plus(RETRY))) {
				String name = cluster.members()
					.stream()
					.filter((member) -> member.serverId() == row.serverId())
					.map(ClusterView.Member::nodeName)
					.findFirst()
					.orElse("server " + row.serverId());
				apply(cluster, row.serverId(), name, row.ejected());
			}
		}
	}

	private void change(ClusterView cluster, long serverId, boolean out, String reason, Instant now) {
		this.transactions.executeWithoutResult((status) -> {
			NodeEjection row = this.ejections.findById(new NodeEjection.Key(cluster.id(), serverId))
				.orElseGet(() -> new NodeEjection(cluster.id(), serverId));
			row.change(out, reason, now);
			this.ejections.saveAndFlush(row);
		});
		this.ejectedByCluster.remove(cluster.id());
		this.events.publishEvent(new EjectedNodes.Changed(cluster.id(), serverId, out, reason));
		String summary = (out ? "Taking " : "Putting ") + name(cluster, serverId) + (out ? " out of" : " back into")
				+ " the balancers of cluster '" + cluster.name() + "': " + reason;
		this.auditLog.recordAs(ACTOR, new AuditEntry(out ? "EJECT" : "RETURN", "SERVER", String.valueOf(serverId),
				summary, null, Map.of("clusterId", cluster.id(), "reason", reason)), null);
		this.webhook.send(out ? "warren.ejection.ejected" : "warren.ejection.returned", "SERVER", serverId, summary,
				Map.of("clusterId", cluster.id(), "cluster", cluster.name(), "serverId", serverId, "node",
						name(cluster, serverId), "reason", reason, "at", now.toString()));
		logger.info(summary);
	}

	/** Tells every balancer of the cluster, and stores whether they all confirmed. */
	private void apply(ClusterView cluster, long serverId, String name, boolean out) {
		this.lastAttempt.put(serverId, this.clock.instant());
		List<String> problems = new ArrayList<>();
		// HAProxy's runtime API answers in milliseconds, an NGINX push takes seconds:
		// HAProxy first.
		List<BalancerView> fronting = this.balancers.fronting(cluster.id())
			.stream()
			.sorted(java.util.Comparator.comparing((BalancerView balancer) -> balancer.kind() != BalancerKind.HAPROXY)
				.thenComparing(BalancerView::name))
			.toList();
		for (BalancerView balancer : fronting) {
			try {
				String problem = (balancer.kind() == BalancerKind.HAPROXY) ? viaRuntime(balancer, serverId, out)
						: viaPush(balancer);
				if (problem != null) {
					problems.add("balancer '" + balancer.name() + "': " + problem);
				}
			}
			catch (RuntimeException ex) {
				problems.add("balancer '" + balancer.name() + "': " + ex.getMessage());
			}
		}
		String action = out ? "eject" : "return";
		this.transactions.executeWithoutResult(
				(status) -> this.ejections.findById(new NodeEjection.Key(cluster.id(), serverId)).ifPresent((row) -> {
					if (row.ejected() != out) {
						return;
					}
					if (problems.isEmpty()) {
						row.applied();
					}
					else {
						row.failed(String.join("; ", problems));
					}
					this.ejections.saveAndFlush(row);
				}));
		this.meters.counter("warren.ejections", "action", action, "result", problems.isEmpty() ? "applied" : "failed")
			.increment();
		if (!problems.isEmpty()) {
			String summary = "Could not " + (out ? "take " + name + " out of" : "put " + name + " back into")
					+ " every balancer of cluster '" + cluster.name() + "' (retried every " + RETRY.toSeconds()
					+ " s): " + String.join("; ", problems);
			this.auditLog.recordAs(ACTOR, new AuditEntry(out ? "EJECT_FAILED" : "RETURN_FAILED", "SERVER",
					String.valueOf(serverId), summary, null, Map.of("clusterId", cluster.id())), null);
			this.webhook.send("warren.ejection.failed", "SERVER", serverId, summary,
					Map.of("clusterId", cluster.id(), "cluster", cluster.name(), "serverId", serverId, "node", name,
							"action", action, "problems", problems));
			logger.warn(summary);
		}
	}

	private String viaRuntime(BalancerView balancer, long serverId, boolean out) {
		HaproxyRuntime.Result result = this.haproxy.setOut(balancer.id(), serverId, out, ACTOR);
		return result.confirmed() ? null : "HAProxy did not confirm: " + result.transcript().strip();
	}

	private String viaPush(BalancerView balancer) {
		long runId = this.deployments.deploy(balancer.id(), ACTOR);
		long deadline = System.nanoTime() + PUSH_TIMEOUT.toNanos();
		RunView run = this.runs.get(runId);
		while (run.active() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted while run " + runId + " was pushing the config";
			}
			run = this.runs.get(runId);
		}
		return (run.status() == RunStatus.SUCCEEDED) ? null
				: "push run " + runId + " " + run.status() + ": " + run.summary();
	}

	private static String name(ClusterView cluster, long serverId) {
		return cluster.members()
			.stream()
			.filter((member) -> member.serverId() == serverId)
			.map(ClusterView.Member::nodeName)
			.findFirst()
			.orElse("server " + serverId);
	}

	@Override
	public void start() {
		// What was stored is applied again: a balancer may have been reloaded or
		// restarted while no console watched.
		try {
			this.transactions.executeWithoutResult((status) -> this.ejections.findAll().forEach((row) -> {
				if (row.ejected()) {
					row.failed("not yet re-applied since the console started");
				}
			}));
		}
		catch (RuntimeException ex) {
			// The tick re-applies what it finds once the database answers.
			logger.warn("Stored ejections could not be read at start: {}", ex.toString());
		}
		ThreadPoolTaskScheduler created = new ThreadPoolTaskScheduler();
		created.setPoolSize(1);
		created.setThreadNamePrefix("warren-ejection-");
		created.setWaitForTasksToCompleteOnShutdown(false);
		created.initialize();
		created.scheduleWithFixedDelay(this::tick, Duration.ofSeconds(1));
		this.scheduler = created;
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler running = this.scheduler;
		this.scheduler = null;
		if (running != null) {
			running.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
