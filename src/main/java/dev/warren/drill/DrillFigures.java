package dev.warren.drill;

import java.util.Locale;

/**
 * A drill's figures in words, for the run's summary and the report page.
 */
final class DrillFigures {

	private DrillFigures() {
	}

	static String summary(String node, MessageTally.MessageFigures m, ProbeTimeline.BalancerTimes times,
			boolean rejoined, DrillTraffic.Reconnections reconnections) {
		StringBuilder text = new StringBuilder();
		text.append((m.lost() == 0) ? "0 messages lost"
				: m.lost() + " confirmed messages LOST (first: " + m.firstLost() + ")");
		text.append(": sent ")
			.append(m.sent())
			.append(", confirmed ")
			.append(m.confirmed())
			.append(", received ")
			.append(m.received())
			.append(", duplicates ")
			.append(m.duplicates());
		if (m.unconfirmed() > 0) {
			text.append(", unconfirmed ")
				.append(m.unconfirmed())
				.append(" (in flight when a connection dropped; ")
				.append(m.unconfirmedReceived())
				.append(" arrived anyway)");
		}
		text.append(". The publisher's connection was recovered ")
			.append(times(reconnections.publisher()))
			.append(", the consumer's ")
			.append(times(reconnections.consumer()))
			.append(". Longest gap between two receipts: ")
			.append(seconds(m.longestGap().toMillis()))
			.append(". ");
		if (times.stoppedUsingAfter() != null) {
			text.append("The balancer stopped sending new connections to ")
				.append(node)
				.append(" within ")
				.append(seconds(times.stoppedUsingAfter()))
				.append(" of stop_app");
		}
		else {
			text.append("New connections still landed on ").append(node).append(" while it was stopped");
		}
		text.append(times.failedWhileStopped() > 0
				? " (" + times.failedWhileStopped() + " new connections failed meanwhile)"
				: " (no new connection failed)");
		text.append("; ");
		if (times.backAfter() != null) {
			text.append("it used ")
				.append(node)
				.append(" again ")
				.append(seconds(times.backAfter()))
				.append(" after start_app returned. ");
		}
		else {
			text.append("no new connection landed on ").append(node).append(" again while the drill watched. ");
		}
		text.append(rejoined ? node + " rejoined: every member sees it running."
				: node + " has NOT rejoined: see the run's verification step.");
		return text.toString();
	}

	static String measurement(String node, DrillExecution.DrillSetup setup, DrillProperties properties, boolean located,
			long stopSentAt, long startSentAt, long startDoneAt) {
		return "Messages: one persistent message every " + properties.publishInterval().toMillis() + " ms through "
				+ setup.amqp().host() + ":" + setup.amqp().port()
				+ ", each numbered and confirmed by the broker before the next; a consumer with manual acks; both with "
				+ "automatic recovery. Lost = confirmed but never received. Gap = the longest time between two "
				+ "consecutive receipts. Balancer: every " + properties.probeInterval().toMillis()
				+ " ms a fresh connection through the balancer declares an exclusive queue, which RabbitMQ places on "
				+ "the node the connection is on, and "
				+ (located ? "the management API of a member that stays up says which node that is."
						: "no management API could be used, so the node of each connection is unknown.")
				+ " 'Stopped using' counts from stop_app sent (" + stopSentAt + " ms) to the first connection after "
				+ "the last one that landed on " + node + "; 'back' counts from start_app returned (" + startDoneAt
				+ " ms; sent at " + startSentAt + " ms) to the first connection that landed on " + node + " again.";
	}

	private static String times(int count) {
		return (count == 0) ? "never (it was not on " + "the stopped node)" : (count == 1) ? "once" : count + " times";
	}

	static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
