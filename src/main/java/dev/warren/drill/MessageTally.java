package dev.warren.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What happened to the drill's messages, fed by the publisher and the consumer from their
 * own threads. A message is lost when the broker confirmed it and the consumer never
 * received it; one that was never confirmed (the connection dropped before the confirm
 * came) is "unconfirmed": a real publisher would send it again.
 */
final class MessageTally {

	private final BitSet sent = new BitSet();

	private final BitSet confirmed = new BitSet();

	private final BitSet nacked = new BitSet();

	private final BitSet received = new BitSet();

	private long publishFailures;

	private long duplicates;

	private long receipts;

	private long lastReceiptNanos = Long.MIN_VALUE;

	private long longestGapNanos;

	private long longestGapEndNanos = Long.MIN_VALUE;

	private final long originNanos;

	MessageTally(long originNanos) {
		this.originNanos = originNanos;
	}

	synchronized void published(int sequence) {
		this.sent.set(sequence);
	}

	synchronized void confirmed(int sequence) {
		this.confirmed.set(sequence);
	}

	synchronized void nacked(int sequence) {
		this.nacked.set(sequence);
	}

	/** A publish that could not even be sent (the connection was recovering). */
	synchronized void publishFailed() {
		this.publishFailures++;
	}

	synchronized void received(int sequence, long nanos) {
		if (this.received.get(sequence)) {
			this.duplicates++;
		}
		this.received.set(sequence);
		this.receipts++;
		if (this.lastReceiptNanos != Long.MIN_VALUE && nanos - this.lastReceiptNanos > this.longestGapNanos) {
			this.longestGapNanos = nanos - this.lastReceiptNanos;
			this.longestGapEndNanos = nanos;
		}
		this.lastReceiptNanos = Math.max(this.lastReceiptNanos, nanos);
	}

	/** Whether every confirmed message has arrived. */
	synchronized boolean drained() {
		BitSet missing = (BitSet) this.confirmed.clone();
		missing.andNot(this.received);
		return missing.isEmpty();
	}

	synchronized long receivedCount() {
		return this.received.cardinality();
	}

	synchronized MessageFigures figures() {
		BitSet lost = (BitSet) this.confirmed.clone();
		lost.andNot(this.received);
		BitSet unconfirmed = (BitSet) this.sent.clone();
		unconfirmed.andNot(this.confirmed);
		unconfirmed.andNot(this.nacked);
		BitSet unconfirmedReceived = (BitSet) unconfirmed.clone();
		unconfirmedReceived.and(this.received);
		List<Integer> firstLost = new ArrayList<>();
		for (int i = lost.nextSetBit(0); i >= 0 && firstLost.size() < 20; i = lost.nextSetBit(i + 1)) {
			firstLost.add(i);
		}
		Duration gapEnd = (this.longestGapEndNanos == Long.MIN_VALUE) ? null
				: Duration.ofNanos(this.longestGapEndNanos - this.originNanos);
		return new MessageFigures(this.sent.cardinality(), this.confirmed.cardinality(), unconfirmed.cardinality(),
				unconfirmedReceived.cardinality(), this.nacked.cardinality(), this.received.cardinality(),
				lost.cardinality(), this.duplicates, this.publishFailures, Duration.ofNanos(this.longestGapNanos),
				gapEnd, firstLost);
	}

	/**
	 * The figures of a drill's messages.
	 *
	 * @param unconfirmed sent, but neither confirmed nor refused: in doubt
	 * @param unconfirmedReceived of those, how many the consumer got anyway
	 * @param received distinct messages the consumer got
	 * @param lost confirmed and never received
	 * @param duplicates deliveries of a message already received (redeliveries after a
	 * consumer's connection dropped before its ack)
	 * @param publishFailures publish attempts refused while the publisher's connection
	 * was recovering (those messages were sent later, under the same number)
	 * @param longestGap the longest time between two consecutive receipts
	 * @param longestGapEndedAt when that gap ended, counted from the start of the traffic
	 * @param firstLost the first lost sequence numbers (at most 20)
	 */
	record MessageFigures(long sent, long confirmed, long unconfirmed, long unconfirmedReceived, long nacked,
			long received, long lost, long duplicates, long publishFailures, Duration longestGap,
			Duration longestGapEndedAt, List<Integer> firstLost) {

	}

}
