package dev.warren.drill;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTallyTests {

	private static final long MS = 1_000_000;

	@Test
	void countsAConfirmedMessageThatNeverArrivedAsLost() {
		MessageTally tally = new MessageTally(0);
		for (int i = 1; i <= 5; i++) {
			tally.published(i);
			tally.confirmed(i);
		}
		tally.received(1, 10 * MS);
		tally.received(2, 20 * MS);
		tally.received(4, 40 * MS);
		tally.received(5, 50 * MS);

		MessageTally.MessageFigures figures = tally.figures();
		assertThat(figures.sent()).isEqualTo(5);
		assertThat(figures.confirmed()).isEqualTo(5);
		assertThat(figures.received()).isEqualTo(4);
		assertThat(figures.lost()).isEqualTo(1);
		assertThat(figures.firstLost()).containsExactly(3);
		assertThat(tally.drained()).isFalse();
	}

	@Test
	void anUnconfirmedMessageIsInDoubtNotLost() {
		MessageTally tally = new MessageTally(0);
		tally.published(1);
		tally.confirmed(1);
		tally.published(2);
		tally.published(3);
		tally.nacked(3);
		tally.received(1, MS);

		MessageTally.MessageFigures figures = tally.figures();
		assertThat(figures.lost()).isZero();
		assertThat(figures.unconfirmed()).isEqualTo(1);
		assertThat(figures.unconfirmedReceived()).isZero();
		assertThat(figures.nacked()).isEqualTo(1);
		assertThat(tally.drained()).isTrue();
	}

	@Test
	void countsARedeliveryAsADuplicateAndOnceAsReceived() {
		MessageTally tally = new MessageTally(0);
		tally.published(1);
		tally.confirmed(1);
		tally.received(1, MS);
		tally.received(1, 2 * MS);

		MessageTally.MessageFigures figures = tally.figures();
		assertThat(figures.received()).isEqualTo(1);
		assertThat(figures.duplicates()).isEqualTo(1);
	}

	@Test
	void theLongestGapIsBetweenConsecutiveReceiptsAndSaysWhenItEnded() {
		MessageTally tally = new MessageTally(5 * MS);
		tally.received(1, 10 * MS);
		tally.received(2, 35 * MS);
		tally.received(3, 1_535 * MS);
		tally.received(4, 1_560 * MS);

		MessageTally.MessageFigures figures = tally.figures();
		assertThat(figures.longestGap()).isEqualTo(Duration.ofMillis(1_500));
		assertThat(figures.longestGapEndedAt()).isEqualTo(Duration.ofMillis(1_530));
	}

	@Test
	void noReceiptMeansNoGap() {
		MessageTally.MessageFigures figures = new MessageTally(0).figures();
		assertThat(figures.longestGap()).isEqualTo(Duration.ZERO);
		assertThat(figures.longestGapEndedAt()).isNull();
	}

}
