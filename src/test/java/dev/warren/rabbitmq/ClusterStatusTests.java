package dev.warren.rabbitmq;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClusterStatusTests {

	@Test
	void readsATwoNodeClusterAsRabbitPrintsIt() {
		ClusterStatus status = ClusterStatus.parse(Samples.read("cluster/cluster_status.json"));
		assertThat(status.clusterName()).isEqualTo("rabbit@vm");
		assertThat(status.diskNodes()).containsExactly("hare@vm", "rabbit@vm");
		assertThat(status.runningNodes()).containsExactly("hare@vm", "rabbit@vm");
		assertThat(status.partitions()).isEmpty();
		assertThat(status.hasPartitions()).isFalse();
		assertThat(status.alarms()).isEmpty();
		assertThat(status.rabbitmqVersions()).containsExactly(Map.entry("hare@vm", "3.10.8"),
				Map.entry("rabbit@vm", "3.10.8"));
		assertThat(status.stoppedNodes()).isEmpty();
		assertThat(status.includesAllRunning(List.of("rabbit@vm", "hare@vm"))).isTrue();
		assertThat(status.hasMixedVersions()).isFalse();
	}

	@Test
	void eachStandaloneNodeNamesItsOwnCluster() {
		ClusterStatus rabbit = ClusterStatus.parse(Samples.read("cluster/pre-cluster_status-rabbit.json"));
		ClusterStatus hare = ClusterStatus.parse(Samples.read("cluster/pre-cluster_status-hare.json"));
		assertThat(rabbit.clusterName()).isEqualTo("rabbit@vm");
		assertThat(rabbit.diskNodes()).containsExactly("rabbit@vm");
		assertThat(hare.clusterName()).isEqualTo("hare@vm");
		assertThat(hare.includesAllRunning(List.of("hare@vm", "rabbit@vm"))).isFalse();
		assertThat(ClusterStatus.parse(Samples.read("cluster/cluster_status-hare.json")).clusterName())
			.as("the joined node keeps its own name until set_cluster_name")
			.isEqualTo("hare@vm");
	}

	@Test
	void aStoppedMemberStaysADiskNodeButIsNotRunning() {
		// The sample starts with the command and its exit code as comments.
		ClusterStatus status = ClusterStatus.parse(Samples.read("cluster/cluster_status-one-node-app-stopped.txt"));
		assertThat(status.diskNodes()).containsExactly("hare@vm", "rabbit@vm");
		assertThat(status.runningNodes()).containsExactly("rabbit@vm");
		assertThat(status.stoppedNodes()).containsExactly("hare@vm");
		assertThat(status.includesAllRunning(List.of("rabbit@vm", "hare@vm"))).isFalse();
		assertThat(status.includesAll(List.of("rabbit@vm", "hare@vm"))).isTrue();
		assertThat(status.rabbitmqVersions()).containsOnlyKeys("rabbit@vm");
	}

	@Test
	void readsPartitionsAndAlarmsInTheShapeRabbitPrintsThem() {
		String json = Samples.read("cluster/cluster_status.json")
			.replace("\"partitions\": {}",
					"\"partitions\": {\"rabbit@vm\": [\"hare@vm\"], \"hare@vm\": [\"rabbit@vm\"]}")
			.replace("\"alarms\": []",
					"\"alarms\": [{\"node\":\"hare@vm\",\"resource\":\"memory\",\"type\":\"resource_limit\"}]");
		ClusterStatus status = ClusterStatus.parse(json);
		assertThat(status.hasPartitions()).isTrue();
		assertThat(status.partitions()).containsEntry("rabbit@vm", List.of("hare@vm"));
		assertThat(status.alarms()).containsExactly("memory alarm on hare@vm");
		assertThat(status.hasAlarms()).isTrue();
	}

	@Test
	void toleratesABannerBeforeTheJson() {
		ClusterStatus status = ClusterStatus
			.parse("Cluster status of node rabbit@vm ...\n" + Samples.read("cluster/pre-cluster_status-rabbit.json"));
		assertThat(status.runningNodes()).containsExactly("rabbit@vm");
	}

	@Test
	void noticesMixedReleaseSeries() {
		String json = Samples.read("cluster/cluster_status.json").replaceFirst("\"3\\.10\\.8\"", "\"3.11.2\"");
		assertThat(ClusterStatus.parse(json).hasMixedVersions()).isTrue();
	}

	@Test
	void refusesTheTextFormAndErrors() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClusterStatus.parse(Samples.read("cluster/cluster_status.txt")));
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterStatus.parse(""));
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterStatus.parse("{\"error\": 1}"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClusterStatus.parse("{\"running_nodes\": [}"));
	}

}
