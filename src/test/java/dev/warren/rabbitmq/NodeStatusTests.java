package dev.warren.rabbitmq;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NodeStatusTests {

	@Test
	void readsTheLabNodesStatus() {
		NodeStatus status = NodeStatus.parse(Samples.read("lab/status-rabbit.json"));
		assertThat(status.nodeName()).isEqualTo("rabbit@vm");
		assertThat(status.rabbitmqVersion()).isEqualTo("3.10.8");
		assertThat(status.version()).contains(new RabbitmqVersion(3, 10, 8));
		assertThat(status.erlangVersion()).isEqualTo("Erlang/OTP 25 [erts-13.1.5]");
		assertThat(status.configFiles()).containsExactly("/tmp/warren-lab/rabbit/rabbit/rabbitmq.conf");
		assertThat(status.running()).isTrue();
		assertThat(status.alarms()).isEmpty();
		assertThat(status.underMaintenance()).isFalse();
		assertThat(status.os()).isEqualTo("Linux");
		assertThat(status.dataDirectory()).isEqualTo("/tmp/warren-lab/rabbit/rabbit/mnesia/rabbit@vm");
		assertThat(status.port("amqp")).contains(5672);
		assertThat(status.port("clustering")).contains(25672);
		assertThat(status.port("http")).contains(15672);
		assertThat(status.uptimeSeconds()).isPositive();
	}

	@Test
	void aNodeWithoutListenersDoesNotServeClients() {
		String json = Samples.read("lab/status-rabbit.json")
			.replaceAll("(?s)\"listeners\": \\[.*?\\],\\s*\"log_files\"", "\"listeners\": [], \"log_files\"");
		NodeStatus status = NodeStatus.parse(json);
		assertThat(status.running()).isFalse();
		assertThat(status.nodeName()).isNull();
		assertThat(status.rabbitmqVersion()).isEqualTo("3.10.8");
	}

	@Test
	void refusesWhatIsNotAStatus() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> NodeStatus.parse(Samples.output("lab/status-stranger.txt").output()));
		assertThatIllegalArgumentException().isThrownBy(() -> NodeStatus.parse("{\"os\": \"Linux\"}"));
	}

}
