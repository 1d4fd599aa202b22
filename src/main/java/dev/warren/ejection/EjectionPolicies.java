package dev.warren.ejection;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each cluster's ejection policy: off until an ADMIN or OPERATOR turns it on; every
 * change audited with before and after.
 */
@Service
@Transactional
public class EjectionPolicies {

	private final EjectionPolicyRepository repository;

	private final Clusters clusters;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final NodeEjectionRepository ejections;

	private final Ejector ejector;

	EjectionPolicies(EjectionPolicyRepository repository, NodeEjectionRepository ejections, Ejector ejector,
			Clusters clusters, AuditLog auditLog, ApplicationEventPublisher events, Clock clock) {
		this.ejections = ejections;
		this.ejector = ejector;
		this.repository = repository;
		this.clusters = clusters;
		this.auditLog = auditLog;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public EjectionSettings get(long clusterId) {
		this.clusters.get(clusterId);
		return this.repository.findById(clusterId).map(EjectionPolicy::settings).orElse(EjectionSettings.DEFAULTS);
	}

	public EjectionSettings put(long clusterId, EjectionSettings settings) {
		String name = this.clusters.get(clusterId).name();
		EjectionSettings before = get(clusterId);
		EjectionSettings after = settings.completed();
		EjectionPolicy policy = this.repository.findById(clusterId).orElseGet(() -> new EjectionPolicy(clusterId));
		policy.apply(after, this.clock.instant());
		this.repository.saveAndFlush(policy);
		this.auditLog.record(AuditEntry.updated("EJECTION_POLICY", clusterId,
				"Ejection " + (after.enabled() ? "on" : "off") + " for cluster '" + name + "'", before, after));
		this.events.publishEvent(new PolicyChanged(clusterId));
		return after;
	}

	/** The policy with the members out of the balancers now. */
	@Transactional(readOnly = true)
	public EjectionView view(long clusterId) {
		EjectionSettings settings = get(clusterId);
		ClusterView cluster = this.clusters.get(clusterId);
		List<EjectionView.Node> nodes = this.ejections.findByClusterId(clusterId)
			.stream()
			.filter((row) -> row.ejected() || !row.isApplied())
			.sorted(Comparator.comparing(NodeEjection::changedAt))
			.map((row) -> new EjectionView.Node(row.serverId(), name(cluster, row.serverId()), row.ejected(),
					row.changedAt(), row.reason(), row.isApplied(), row.problem()))
			.toList();
		return new EjectionView(clusterId, settings.enabled(), settings.after(), settings.minHealthy(),
				settings.holdDownSeconds(), settings.minChangeSeconds(), nodes, this.ejector.held(clusterId));
	}

	private static String name(ClusterView cluster, long serverId) {
		return cluster.members()
			.stream()
			.filter((member) -> member.serverId() == serverId)
			.map(ClusterView.Member::nodeName)
			.findFirst()
			.orElse("server " + serverId);
	}

	/**
	 * Published after a policy changed, so that the ejector looks at the cluster again.
	 */
	record PolicyChanged(long clusterId) {

	}

}
