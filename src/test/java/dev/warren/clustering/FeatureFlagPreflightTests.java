package dev.warren.clustering;

import java.util.List;
import java.util.Map;

import dev.warren.inventory.AuthType;
import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.FeatureFlags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the join preflight says about feature flags and the metadata store (issue 17):
 * RabbitMQ refuses a node that does not know a flag the cluster has enabled; any other
 * difference is reset away by the join (measured on 4.0.5).
 */
class FeatureFlagPreflightTests {

	private static final ServerView HARE = server(2, "hare4@vm");

	private static final ServerView RABBIT = server(1, "rabbit4@vm");

	@Test
	void aNodeThatDoesNotKnowAFlagTheClusterHasEnabledIsRefusedWithRabbitmqsReason() {
		PreflightCheck check = Preflights.featureFlags(HARE, new FeatureFlags(Map.of("quorum_queue", "enabled")),
				RABBIT, new FeatureFlags(Map.of("quorum_queue", "enabled", "khepri_db", "enabled")));
		assertThat(check.failed()).isTrue();
		assertThat(check.detail()).contains("incompatible_feature_flags", "khepri_db", "hare4@vm");
	}

	@Test
	void aMnesiaNodeJoiningAKhepriClusterIsToldItWillUseKhepri() {
		PreflightCheck check = Preflights.featureFlags(HARE,
				new FeatureFlags(Map.of("quorum_queue", "enabled", "khepri_db", "disabled")), RABBIT,
				new FeatureFlags(Map.of("quorum_queue", "enabled", "khepri_db", "enabled")));
		assertThat(check.verdict()).isEqualTo(PreflightCheck.Verdict.WARN);
		assertThat(check.detail()).contains("uses Mnesia, the cluster Khepri", "takes the cluster's flags and Khepri");
	}

	@Test
	void theSameFlagsPass() {
		FeatureFlags flags = new FeatureFlags(Map.of("quorum_queue", "enabled", "khepri_db", "disabled"));
		PreflightCheck check = Preflights.featureFlags(HARE, flags, RABBIT, flags);
		assertThat(check.verdict()).isEqualTo(PreflightCheck.Verdict.PASS);
		assertThat(check.detail()).contains("metadata store Mnesia");
	}

	private static ServerView server(long id, String node) {
		return new ServerView(id, "srv-" + id, "127.0.0.1", 22, "root",
				new ServerView.AuthView(AuthType.PASSWORD, true, false, false), OperatingSystem.LINUX, node, 5672,
				15672, null, false, "/usr/sbin/rabbitmqctl", false, List.of(), null, null);
	}

}
