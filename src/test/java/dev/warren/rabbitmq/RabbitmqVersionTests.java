package dev.warren.rabbitmq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RabbitmqVersionTests {

	@ParameterizedTest
	@CsvSource({ "3.10.8, 3, 10, 8", "4.1.0, 4, 1, 0", "3.13.7+12.g0c1d2e3, 3, 13, 7", "4.0.0-rc.1, 4, 0, 0",
			"' 3.8.21 ', 3, 8, 21", "4.2, 4, 2, 0", "v3.12.14, 3, 12, 14" })
	void parsesReleasesAndDropsSuffixes(String text, int major, int minor, int patch) {
		assertThat(RabbitmqVersion.parse(text)).isEqualTo(new RabbitmqVersion(major, minor, patch));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "three", "3", "3.x.1", "RabbitMQ 3.10.8", "3.10.8 4.0.0", "-3.1.0" })
	void refusesWhatIsNotAVersion(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqVersion.parse(text));
	}

	@Test
	void readsTheLabsServerVersion() {
		assertThat(RabbitmqVersion.parse(Samples.output("lab/server_version.txt").output())).hasToString("3.10.8")
			.extracting(RabbitmqVersion::series)
			.isEqualTo("3.10");
	}

	@Test
	void joinResetsTheNodeItselfFrom41() {
		assertThat(RabbitmqVersion.parse("3.10.8").joinStopsAndResetsNode()).isFalse();
		assertThat(RabbitmqVersion.parse("3.13.7").joinStopsAndResetsNode()).isFalse();
		assertThat(RabbitmqVersion.parse("4.0.9").joinStopsAndResetsNode()).isFalse();
		assertThat(RabbitmqVersion.parse("4.1.0-rc.1").joinStopsAndResetsNode()).isTrue();
		assertThat(RabbitmqVersion.parse("4.1.0").joinStopsAndResetsNode()).isTrue();
		assertThat(RabbitmqVersion.parse("4.2.3").joinStopsAndResetsNode()).isTrue();
	}

	@Test
	void partitionHandlingMattersUntil43() {
		assertThat(RabbitmqVersion.parse("3.10.8").honoursPartitionHandling()).isTrue();
		assertThat(RabbitmqVersion.parse("4.2.9").honoursPartitionHandling()).isTrue();
		assertThat(RabbitmqVersion.parse("4.3.0").honoursPartitionHandling()).isFalse();
		assertThat(RabbitmqVersion.parse("5.0.0").honoursPartitionHandling()).isFalse();
	}

	@Test
	void clustersOnlyWithinOneReleaseSeries() {
		RabbitmqVersion v3108 = RabbitmqVersion.parse("3.10.8");
		assertThat(v3108.isCompatibleForClustering(RabbitmqVersion.parse("3.10.25"))).isTrue();
		assertThat(v3108.isCompatibleForClustering(v3108)).isTrue();
		assertThat(v3108.isCompatibleForClustering(RabbitmqVersion.parse("3.11.0"))).isFalse();
		assertThat(RabbitmqVersion.parse("4.1.0").isCompatibleForClustering(RabbitmqVersion.parse("4.0.5"))).isFalse();
		assertThat(RabbitmqVersion.parse("4.0.0").isCompatibleForClustering(RabbitmqVersion.parse("3.0.0"))).isFalse();
		assertThat(v3108.isCompatibleForClustering(null)).isFalse();
	}

	@Test
	void ordersNumericallyNotAlphabetically() {
		List<RabbitmqVersion> versions = new ArrayList<>(List.of(RabbitmqVersion.parse("3.10.8"),
				RabbitmqVersion.parse("3.9.29"), RabbitmqVersion.parse("4.0.1"), RabbitmqVersion.parse("3.10.10")));
		Collections.sort(versions);
		assertThat(versions).extracting(RabbitmqVersion::toString)
			.containsExactly("3.9.29", "3.10.8", "3.10.10", "4.0.1");
	}

}
