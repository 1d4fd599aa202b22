package dev.warren.balancer;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A revision as the API shows it; {@code content} only when one revision is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BalancerRevisionView(long id, long balancerId, String sha256, String deployedBy, Instant deployedAt,
		Long runId, RevisionResult result, String summary, String content) {

}
