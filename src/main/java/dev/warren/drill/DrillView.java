package dev.warren.drill;

import java.time.Instant;

/**
 * A drill's report as pages and the API show it ({@code GET /api/v1/drills/{id}}). The
 * figures are {@code null} until the drill ends, and stay {@code null} when it ended
 * before traffic flowed. Times in milliseconds.
 *
 * @param stoppedUsingMs from {@code stop_app} sent until new connections through the
 * balancer no longer landed on the node
 * @param backMs from {@code start_app} returned until a new connection through the
 * balancer landed on the node again
 * @param runId the run with the drill's step-by-step log
 */
public record DrillView(long id, Long clusterId, String clusterName, Long serverId, String nodeName, Long balancerId,
		String balancerName, String balancerAddress, Long runId, String startedBy, Instant startedAt, Instant endedAt,
		DrillResult result, int waitSeconds, String queueType, Long messagesSent, Long messagesConfirmed,
		Long messagesUnconfirmed, Long messagesReceived, Long messagesLost, Long duplicates, Long publishFailures,
		Long longestGapMs, Long stoppedUsingMs, Long backMs, Integer probes, Integer probeFailures, Boolean rejoined,
		String summary, String measurement) {

}
