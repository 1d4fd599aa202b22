package dev.warren.ejection;

import java.util.Comparator;
import java.util.List;

import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EjectionApiController {

	private final EjectionPolicies policies;

	private final NodeEjectionRepository ejections;

	private final Ejector ejector;

	private final Clusters clusters;

	EjectionApiController(EjectionPolicies policies, NodeEjectionRepository ejections, Ejector ejector,
			Clusters clusters) {
		this.policies = policies;
		this.ejections = ejections;
		this.ejector = ejector;
		this.clusters = clusters;
	}

	@GetMapping("/api/v1/clusters/{id}/ejection")
	@Operation(summary = "The cluster's ejection policy (off by default), the members out of its balancers now, "
			+ "and why a member the policy would take out stays in")
	EjectionView get(@PathVariable long id) {
		return view(id, this.policies.get(id));
	}

	@PutMapping("/api/v1/clusters/{id}/ejection")
	@Operation(summary = "Set the cluster's ejection policy: {\"enabled\", \"after\": \"NOT_RESPONDING,DOWN\", "
			+ "\"minHealthy\", \"holdDownSeconds\", \"minChangeSeconds\"}")
	EjectionView put(@PathVariable long id, @Valid @RequestBody EjectionSettings settings) {
		return view(id, this.policies.put(id, settings));
	}

	private EjectionView view(long clusterId, EjectionSettings settings) {
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

}
