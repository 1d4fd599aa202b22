package dev.warren.ejection;

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

	EjectionApiController(EjectionPolicies policies) {
		this.policies = policies;
	}

	@GetMapping("/api/v1/clusters/{id}/ejection")
	@Operation(summary = "The cluster's ejection policy (off by default), the members out of its balancers now, "
			+ "and why a member the policy would take out stays in")
	EjectionView get(@PathVariable long id) {
		return this.policies.view(id);
	}

	@PutMapping("/api/v1/clusters/{id}/ejection")
	@Operation(summary = "Set the cluster's ejection policy: {\"enabled\", \"after\": \"NOT_RESPONDING,DOWN\", "
			+ "\"minHealthy\", \"holdDownSeconds\", \"minChangeSeconds\"}")
	EjectionView put(@PathVariable long id, @Valid @RequestBody EjectionSettings settings) {
		this.policies.put(id, settings);
		return this.policies.view(id);
	}

}
