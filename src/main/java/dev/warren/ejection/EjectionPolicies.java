package dev.warren.ejection;

import java.time.Clock;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
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

	EjectionPolicies(EjectionPolicyRepository repository, Clusters clusters, AuditLog auditLog,
			ApplicationEventPublisher events, Clock clock) {
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

	/**
	 * Published after a policy changed, so that the ejector looks at the cluster again.
	 */
	record PolicyChanged(long clusterId) {

	}

}
