package dev.warren.rabbitmq;

import java.util.List;

import dev.warren.inventory.OperatingSystem;
import dev.warren.rabbitmq.PlannedStep.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JoinPlansTests {

	private final RabbitmqNode primary = new RabbitmqNode(1, "ServerA", "servera", "rabbit@ServerA",
			OperatingSystem.LINUX, "/usr/sbin/rabbitmqctl");

	private final RabbitmqNode joining = new RabbitmqNode(2, "ServerB", "serverb", "rabbit@ServerB",
			OperatingSystem.LINUX, "/usr/sbin/rabbitmqctl");

	@Test
	void rabbitmq310StopsJoinsAndStartsTheNodeThenVerifies() {
		List<PlannedStep> plan = JoinPlans.plan(RabbitmqVersion.parse("3.10.8"), this.joining, this.primary);
		assertThat(plan).extracting(PlannedStep::kind)
			.containsExactly(Kind.STOP_APP, Kind.JOIN, Kind.START_APP, Kind.VERIFY);
		assertThat(plan.get(0).command().arguments()).containsExactly("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerB",
				"stop_app");
		assertThat(plan.get(1).command().arguments()).containsExactly("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerB",
				"join_cluster", "rabbit@ServerA");
		assertThat(plan.get(2).command().arguments()).containsExactly("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerB",
				"start_app");
		assertThat(plan.get(3).command().arguments()).containsExactly("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerA",
				"-q", "cluster_status", "--formatter", "json");
		assertThat(plan).extracting(PlannedStep::node)
			.containsExactly(this.joining, this.joining, this.joining, this.primary);
		assertThat(plan.get(1).description()).contains("rabbit@ServerB", "rabbit@ServerA", "data is lost");
	}

	@Test
	void rabbitmq40StillNeedsTheAppStopped() {
		assertThat(JoinPlans.plan(RabbitmqVersion.parse("4.0.9"), this.joining, this.primary))
			.extracting(PlannedStep::kind)
			.containsExactly(Kind.STOP_APP, Kind.JOIN, Kind.START_APP, Kind.VERIFY);
	}

	@Test
	void rabbitmq41JoinsARunningNodeAndWaitsForItToComeBack() {
		List<PlannedStep> plan = JoinPlans.plan(RabbitmqVersion.parse("4.1.0"), this.joining, this.primary);
		assertThat(plan).extracting(PlannedStep::kind).containsExactly(Kind.JOIN, Kind.VERIFY, Kind.VERIFY);
		assertThat(plan).extracting(PlannedStep::kind).doesNotContain(Kind.STOP_APP, Kind.START_APP);
		assertThat(plan.get(0).command().arguments()).containsExactly("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerB",
				"join_cluster", "rabbit@ServerA");
		assertThat(plan.get(1).command().arguments()).containsExactly("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerB",
				"-q", "await_startup", "--timeout", "120");
		assertThat(plan.get(2).node()).isEqualTo(this.primary);
		assertThat(plan.get(0).description()).contains("stops, resets and restarts");
	}

	@Test
	void aNodeCannotJoinItself() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JoinPlans.plan(RabbitmqVersion.parse("3.10.8"), this.primary, this.primary));
	}

}
