package dev.warren.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The management API answers as a real RabbitMQ 3.10.8 gives them (samples in
 * {@code rabbitmq-samples/api/}).
 */
class ManagementApiTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Instant AT = Instant.parse("2026-11-26T03:00:00Z");

	@Test
	void readsTheNodesOwnFactsAndTheMembersItSees() {
		NodeHealth.ManagementFacts facts = ManagementApi.facts(JSON, sample("api-nodes.trimmed.json"), "hare@vm", AT);
		assertThat(facts.running()).isTrue();
		assertThat(facts.uptimeMs()).isEqualTo(135988);
		assertThat(facts.fdUsed()).isEqualTo(41);
		assertThat(facts.fdTotal()).isEqualTo(20000);
		assertThat(facts.memUsed()).isEqualTo(159404032);
		assertThat(facts.memoryAlarm()).isFalse();
		assertThat(facts.diskAlarm()).isFalse();
		assertThat(facts.partitions()).isEmpty();
		assertThat(facts.members()).containsExactly("hare@vm", "rabbit@vm");
		assertThat(facts.runningMembers()).containsExactly("hare@vm", "rabbit@vm");
		assertThat(HealthRules.alarms(facts, List.of("rabbit@vm", "hare@vm"))).isEmpty();
	}

	@Test
	void anAlarmedPartitionedNodeIsReadAsSuch() {
		String nodes = """
				[{"name":"rabbit@a","running":true,"mem_alarm":true,"disk_free_alarm":true,"mem_used":2147483648,
				  "mem_limit":1073741824,"disk_free":1048576,"partitions":["rabbit@b"]},
				 {"name":"rabbit@b","running":false}]""";
		NodeHealth.ManagementFacts facts = ManagementApi.facts(JSON, nodes, "rabbit@a", AT);
		assertThat(facts.runningMembers()).containsExactly("rabbit@a");
		assertThat(HealthRules.alarms(facts, List.of("rabbit@a", "rabbit@b"))).containsExactly(
				"memory alarm: 2048 MiB used, high watermark 1024 MiB", "disk alarm: 1 MiB free",
				"partitioned from rabbit@b");
	}

	@Test
	void anAnswerThatDoesNotListTheNodeIsRefused() {
		assertThatExceptionOfType(ManagementApi.ManagementFailure.class)
			.isThrownBy(() -> ManagementApi.facts(JSON, sample("api-nodes.trimmed.json"), "bunny@vm", AT))
			.withMessageContaining("speaks for another node");
	}

	@Test
	void countsClientConnectionsPerNodeWithoutWarrensOwn() {
		assertThat(ManagementApi.connections(JSON, sample("api-connections.json"), "hare@vm")).isEqualTo(1);
		assertThat(ManagementApi.connections(JSON, sample("api-connections.json"), "rabbit@vm")).isZero();
		String withProbe = """
				[{"node":"rabbit@a","client_properties":{"connection_name":"warren-health"}},
				 {"node":"rabbit@a","client_properties":{"connection_name":"orders"}},
				 {"node":"rabbit@a"}]""";
		assertThat(ManagementApi.connections(JSON, withProbe, "rabbit@a")).isEqualTo(2);
	}

	static String sample(String name) {
		try (InputStream in = ManagementApiTests.class.getResourceAsStream("/rabbitmq-samples/api/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
