package dev.warren.drill;

/**
 * What a drill found, ready to be saved.
 *
 * @param messages {@code null} when no traffic flowed
 * @param balancer {@code null} when no traffic flowed
 * @param measurement how the figures were measured, for people
 */
record DrillReport(DrillResult result, String queueType, Boolean rejoined, MessageTally.MessageFigures messages,
		ProbeTimeline.BalancerTimes balancer, String summary, String measurement) {

	static DrillReport failedEarly(String summary) {
		return new DrillReport(DrillResult.FAILED, null, null, null, null, summary, null);
	}

}
