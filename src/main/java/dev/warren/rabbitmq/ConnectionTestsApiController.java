package dev.warren.rabbitmq;

import dev.warren.shared.Actor;
import dev.warren.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/servers/{id}/connection-test")
@Tag(name = "Connection tests", description = "Can Warren log in to a server and reach its RabbitMQ node?")
class ConnectionTestsApiController {

	private final ConnectionChecks checks;

	ConnectionTestsApiController(ConnectionChecks checks) {
		this.checks = checks;
	}

	@PostMapping
	@Operation(summary = "Test the connection now: SSH login and host key, rabbitmqctl, the node, its versions")
	ConnectionCheck test(@PathVariable long id) {
		return this.checks.test(id, Actor.current());
	}

	@GetMapping
	@Operation(summary = "The server's latest connection test (404 if it was never tested)")
	ConnectionCheck latest(@PathVariable long id) {
		return this.checks.latest(id).orElseThrow(() -> new NotFoundException("A connection test of server", id));
	}

}
