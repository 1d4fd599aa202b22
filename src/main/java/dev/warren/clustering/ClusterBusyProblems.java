package dev.warren.clustering;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API that starts a run answers a cluster that is already busy the same way: 409
 * with the active run, so that a script can follow it. (Pages catch the exception and say
 * it in their own words.)
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClusterBusyProblems {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> busy(ClusterBusyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Cluster busy");
		problem.setProperty("activeRunId", ex.activeRunId());
		problem.setProperty("activeRun", "/api/v1/runs/" + ex.activeRunId());
		return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
