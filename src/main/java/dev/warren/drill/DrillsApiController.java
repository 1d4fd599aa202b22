package dev.warren.drill;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.warren.clustering.PreflightCheck;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestController
@Tag(name = "Failover drills")
class DrillsApiController {

	private final Drills drills;

	DrillsApiController(Drills drills) {
		this.drills = drills;
	}

	@PostMapping("/api/v1/clusters/{id}/drills")
	@Operation(summary = "Stop a member's application while traffic flows through a balancer, start it again and "
			+ "report what the clients saw: safety checks first (422 with the failing checks), then a run "
			+ "(202, Location of the run; 409 while another run holds the cluster)")
	ResponseEntity<Map<String, Object>> start(@PathVariable long id, @RequestBody DrillRequest request,
			Principal principal) {
		Drills.Started started = this.drills.start(id, request, principal.getName());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/runs/" + started.runId()))
			.body(Map.of("runId", started.runId(), "drillId", started.drillId(), "status", "PENDING", "drill",
					"/api/v1/drills/" + started.drillId()));
	}

	@GetMapping("/api/v1/clusters/{id}/drills")
	@Operation(summary = "The cluster's drills, newest first")
	List<DrillView> list(@PathVariable long id) {
		return this.drills.list(id);
	}

	@GetMapping("/api/v1/drills/{id}")
	@Operation(summary = "A drill's report")
	DrillView get(@PathVariable long id) {
		return this.drills.get(id);
	}

	/**
	 * Refusals of a drill, as problems like every other API error.
	 */
	@RestControllerAdvice(assignableTypes = DrillsApiController.class)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	static class Problems {

		@ExceptionHandler
		ResponseEntity<ProblemDetail> refused(DrillRefusedException ex) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(422), ex.getMessage());
			problem.setTitle("Safety check failed");
			problem.setProperty("checks", ex.checks().stream().filter(PreflightCheck::failed).toList());
			problem.setProperty("preflight", ex.checks());
			return ResponseEntity.status(422).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}

	}

}
