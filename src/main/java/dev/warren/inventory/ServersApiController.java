package dev.warren.inventory;

import java.net.URI;
import java.util.List;

import dev.warren.shared.InvalidFieldException;
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
@RequestMapping("/api/v1/servers")
@Tag(name = "Servers", description = "RabbitMQ servers: SSH endpoint, node name, ports")
class ServersApiController {

	private final Servers servers;

	private final Validator validator;

	ServersApiController(Servers servers, Validator validator) {
		this.servers = servers;
		this.validator = validator;
	}

	@GetMapping
	@Operation(summary = "List servers")
	List<ServerView> list() {
		return this.servers.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a server")
	ServerView get(@PathVariable long id) {
		return this.servers.get(id);
	}

	@PostMapping
	@Operation(summary = "Add a server")
	ResponseEntity<ServerView> create(@RequestBody ServerRequest request) {
		ServerCommand command = request.toCommand(null);
		ServerView created = translated(() -> {
			Inputs.validate(this.validator, command, ServerRequest.FIELD_NAMES);
			return this.servers.create(command);
		});
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a server; omitted secrets keep what is stored")
	ServerView update(@PathVariable long id, @RequestBody ServerRequest request) {
		ServerCommand command = request.toCommand(this.servers.get(id).auth().type());
		return translated(() -> {
			Inputs.validate(this.validator, command, ServerRequest.FIELD_NAMES);
			return this.servers.update(id, command);
		});
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a server that no cluster or balancer uses")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.servers.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static ServerView translated(java.util.function.Supplier<ServerView> action) {
		try {
			return action.get();
		}
		catch (InvalidFieldException ex) {
			throw ex.renamed(ServerRequest.FIELD_NAMES);
		}
	}

}
