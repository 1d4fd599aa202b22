package dev.warren.remote;

import dev.warren.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/servers/{id}/host-key")
@Tag(name = "Host keys", description = "The SSH host key a server presents, and trusting it")
class HostKeyApiController {

	private final RemoteShells remoteShells;

	HostKeyApiController(RemoteShells remoteShells) {
		this.remoteShells = remoteShells;
	}

	@GetMapping
	@Operation(summary = "Read the key the server presents now and compare it with the trusted one")
	HostKeyStatus status(@PathVariable long id) {
		return this.remoteShells.hostKeyStatus(id);
	}

	@PostMapping("/trust")
	@Operation(summary = "Trust the key the server presents now, if its fingerprint is the one you checked")
	HostKeyStatus trust(@PathVariable long id, @RequestBody(required = false) TrustRequest request) {
		return this.remoteShells.trust(id, (request != null) ? request.fingerprint() : null, Actor.current());
	}

	/** The server could not be asked: a gateway problem, not the caller's. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreachable(RemoteException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("Server unreachable");
		problem.setProperty("kind", ex.kind().name());
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * @param fingerprint the SHA-256 fingerprint checked on the server, as
	 * {@code ssh-keygen -lf} prints it
	 */
	record TrustRequest(String fingerprint) {

	}

}
