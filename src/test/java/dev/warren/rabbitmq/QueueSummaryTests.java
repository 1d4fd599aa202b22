package dev.warren.rabbitmq;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueueSummaryTests {

	@Test
	void countsQueuesAndTheirMessages() {
		assertThat(QueueSummary.parse(Samples.read("lab/list_queues-two-queues.json")))
			.isEqualTo(new QueueSummary(2, 3));
	}

	@Test
	void anEmptyNodeHasNothingToLose() {
		QueueSummary summary = QueueSummary.parse(Samples.read("lab/list_queues-empty.json"));
		assertThat(summary).isEqualTo(QueueSummary.NONE);
		assertThat(summary.isEmpty()).isTrue();
		assertThat(QueueSummary.parse("")).isEqualTo(QueueSummary.NONE);
	}

	@Test
	void aQueueWithoutACountCountsAsEmpty() {
		assertThat(
				QueueSummary.parse("[\n{\"name\":\"qq\",\"messages\":\"\"}\n,{\"name\":\"b\",\"messages\":\"7\"}\n]"))
			.isEqualTo(new QueueSummary(2, 7));
	}

	@Test
	void exclusiveQueuesLikeWarrensOwnProbeQueueAreNotCounted() {
		assertThat(QueueSummary.parse("[\n{\"name\":\"amq.gen-2kVx5WvQ0vJm3XYq\",\"messages\":0,\"exclusive\":true}\n"
				+ ",{\"name\":\"orders\",\"messages\":4,\"exclusive\":false}\n]"))
			.isEqualTo(new QueueSummary(1, 4));
	}

	@Test
	void refusesAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueueSummary.parse(Samples.output("errors/cli-node-not-running.txt").output()));
	}

}
