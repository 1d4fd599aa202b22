package dev.warren.inventory;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.warren.shared.Inputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/clusters")
@Tag(name = "Clusters", description = "Clusters: members and the primary node others join")
class ClustersApiController {

	private final Clusters clusters;

	private final Validator validator;

	ClustersApiController(Clusters clusters, Validator validator) {
		this.clusters = clusters;
		this.validator = validator;
	}

	@GetMapping
	@Operation(summary = "List clusters")
	List<ClusterView> list() {
		return this.clusters.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a cluster")
	ClusterView get(@PathVariable long id) {
		return this.clusters.get(id);
	}

	@PostMapping
	@Operation(summary = "Create a cluster; the primary is always a member")
	ResponseEntity<ClusterView> create(@RequestBody ClusterCommand request) {
		Inputs.validate(this.validator, request, Map.of());
		ClusterView created = this.clusters.create(request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a cluster's name, primary and members")
	ClusterView update(@PathVariable long id, @RequestBody ClusterCommand request) {
		Inputs.validate(this.validator, request, Map.of());
		return this.clusters.update(id, request);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a cluster that no balancer fronts")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.clusters.delete(id);
		return ResponseEntity.noContent().build();
	}

}
