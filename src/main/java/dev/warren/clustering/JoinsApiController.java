package dev.warren.clustering;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import dev.warren.shared.Inputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestController
@Tag(name = "Runs")
class JoinsApiController {

	private final ClusterJoins joins;

	private final Validator validator;

	JoinsApiController(ClusterJoins joins, Validator validator) {
		this.joins = joins;
		this.validator = validator;
	}

	@PostMapping("/api/v1/clusters/{id}/joins")
	@Operation(summary = "Join servers into the cluster's primary: preflight first (refused with the failing "
			+ "checks), then a run in the background (202, Location of the run)")
	ResponseEntity<Map<String, Object>> join(@PathVariable long id, @RequestBody JoinRequest request,
			Principal principal) {
		Inputs.validate(this.validator, request, Map.of());
		Preflights.Findings findings = this.joins.preflight(id, request, principal.getName());
		if (!findings.passed()) {
			throw new PreflightFailedException(findings.checks());
		}
		long runId = this.joins.start(id, request, principal.getName(), findings);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/runs/" + runId))
			.body(Map.of("runId", runId, "status", "PENDING"));
	}

	@PostMapping("/api/v1/runs/{id}/recheck")
	@Operation(summary = "Read the run's cluster as it is now, from every member")
	RunView recheck(@PathVariable long id, Principal principal) {
		return this.joins.recheck(id, principal.getName());
	}

	/**
	 * Refusals specific to runs, as problems like every other API error.
	 */
	@RestControllerAdvice(assignableTypes = JoinsApiController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class Problems {

		@ExceptionHandler
		ResponseEntity<ProblemDetail> preflightFailed(PreflightFailedException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(422), ex.getMessage());
			problem.setTitle("Preflight failed");
			problem.setProperty("checks", ex.checks().stream().filter(PreflightCheck::failed).toList());
			problem.setProperty("preflight", ex.checks());
			return ResponseEntity.status(422).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}

	}

}
