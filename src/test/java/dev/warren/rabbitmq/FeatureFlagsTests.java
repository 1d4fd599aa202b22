package dev.warren.rabbitmq;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeatureFlagsTests {

	private final FeatureFlags four = FeatureFlags.parse(Samples.read("lab/list_feature_flags-4.0.json"));

	private final FeatureFlags three = FeatureFlags.parse(Samples.read("lab/list_feature_flags-3.10.json"));

	@Test
	void readsEveryFlagAndTellsTheMetadataStore() {
		assertThat(this.four.known()).contains("khepri_db", "quorum_queue", "feature_flags_v2");
		assertThat(this.four.states()).containsEntry("khepri_db", "disabled");
		assertThat(this.four.metadataStore()).isEqualTo("Mnesia");
		assertThat(new FeatureFlags(java.util.Map.of("khepri_db", "enabled")).metadataStore()).isEqualTo("Khepri");
		assertThat(this.three.known()).doesNotContain("khepri_db");
	}

	@Test
	void namesTheFlagsACluster40HasThatA310NodeDoesNotKnow() {
		assertThat(this.four.unknownTo(this.three)).contains("feature_flags_v2").doesNotContain("quorum_queue");
		assertThat(this.four.unknownTo(this.four)).isEmpty();
	}

	@Test
	void refusesAnError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FeatureFlags.parse(Samples.output("errors/cli-node-not-running.txt").output()));
	}

}
