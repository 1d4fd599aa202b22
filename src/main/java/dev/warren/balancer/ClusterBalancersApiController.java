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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cluster's balancers together over the API: "deploy to all" (every balancer fronting
 * the cluster, in turn, as one run) and the keepalived config for a shared virtual IP.
 */
@RestController
class ClusterBalancersApiController {

	private final BalancerDeployments deployments;

	private final KeepalivedConfigs keepalived;

	ClusterBalancersApiController(BalancerDeployments deployments, KeepalivedConfigs keepalived) {
		this.deployments = deployments;
		this.keepalived = keepalived;
	}

	@GetMapping(path = "/api/v1/clusters/{id}/keepalived.conf", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "keepalived.conf for one balancer host of the cluster: a virtual IP shared by its balancers "
			+ "(download only; 400 naming each wrong parameter)")
	ResponseEntity<String> keepalived(@PathVariable long id, @RequestParam(required = false) String virtualIp,
			@RequestParam(name = "interface", required = false) String networkInterface,
			@RequestParam(required = false) Integer routerId, @RequestParam(required = false) Long masterBalancerId,
			@RequestParam(required = false) Long balancerId) {
		return ConfigDownload.of(this.keepalived.render(id,
				new KeepalivedRequest(virtualIp, networkInterface, routerId, masterBalancerId, balancerId)));
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
