package dev.warren.balancer;

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
@RequestMapping("/api/v1/balancers")
@Tag(name = "Balancers", description = "NGINX and HAProxy load balancers in front of a cluster")
class BalancersApiController {

	private final Balancers balancers;

	private final Validator validator;

	BalancersApiController(Balancers balancers, Validator validator) {
		this.balancers = balancers;
		this.validator = validator;
	}

	@GetMapping
	@Operation(summary = "List balancers")
	List<BalancerView> list() {
		return this.balancers.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a balancer")
	BalancerView get(@PathVariable long id) {
		return this.balancers.get(id);
	}

	@PostMapping
	@Operation(summary = "Define a balancer; blank paths and commands take the defaults of its kind")
	ResponseEntity<BalancerView> create(@RequestBody BalancerCommand request) {
		BalancerCommand command = withDefaultPort(request);
		Inputs.validate(this.validator, command, Map.of());
		BalancerView created = this.balancers.create(command);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a balancer's definition")
	BalancerView update(@PathVariable long id, @RequestBody BalancerCommand request) {
		BalancerCommand command = withDefaultPort(request);
		Inputs.validate(this.validator, command, Map.of());
		return this.balancers.update(id, command);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a balancer definition")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.balancers.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static BalancerCommand withDefaultPort(BalancerCommand request) {
		return new BalancerCommand(request.name(), request.kind(), request.clusterId(), request.hostServerId(),
				request.listenAddress(), (request.listenPort() != null) ? request.listenPort() : 5672,
				request.configPath(), request.validateCommand(), request.reloadCommand());
	}

}
