package dev.warren.balancer;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import dev.warren.clustering.ClusterBusyException;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Deploy to all" over the API: every balancer fronting a cluster, in turn, as one run.
 */
@RestController
class ClusterBalancersApiController {

	private final BalancerDeployments deployments;

	ClusterBalancersApiController(BalancerDeployments deployments) {
		this.deployments = deployments;
	}

	@PostMapping("/api/v1/clusters/{id}/balancer-deployments")
	@Operation(summary = "Push the config of every balancer fronting the cluster, one after the other, stopping at "
			+ "the first that does not go live (202, Location of the run; 409 while another run holds the cluster; "
			+ "422 when no balancer fronts it)")
	ResponseEntity<Map<String, Object>> deployAll(@PathVariable long id, Principal principal) {
		long runId = this.deployments.deployAll(id, principal.getName());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/runs/" + runId))
			.body(Map.of("runId", runId, "status", "PENDING"));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> nothingToDeploy(NothingToDeployException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Nothing to deploy");
		return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> busy(ClusterBusyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Cluster busy");
		problem.setProperty("activeRunId", ex.activeRunId());
		problem.setProperty("activeRun", "/api/v1/runs/" + ex.activeRunId());
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
