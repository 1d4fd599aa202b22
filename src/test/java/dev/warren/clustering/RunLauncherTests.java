package dev.warren.clustering;

import java.time.Duration;
import java.util.List;

import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.support.Api;
import dev.warren.support.LabCluster;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs launched for other modules: recorded step by step, and never left without a
 * verdict.
 */
@WarrenTest
class RunLauncherTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RunLauncher launcher;

	@Autowired
	Runs runs;

	@Autowired
	Servers servers;

	@Test
	void recordsEachStepAndTheVerdict() {
		ServerView server = this.servers.get(new Api(this.mvc).server("LINUX"));
		long runId = this.launcher.launch(RunKind.DEPLOY_BALANCER, null, "Deploy", "test", (run) -> {
			List<Integer> steps = run
				.plan(List.of(new StepPlan(server, "Upload", null), new StepPlan(server, "Round trip", null)));
			assertThat(run.action(steps.get(0), () -> "uploaded 120 bytes").succeeded()).isTrue();
			StepResult failed = run.action(steps.get(1), () -> {
				throw new IllegalStateException("no answer through the balancer");
			});
			assertThat(failed.reason()).isEqualTo("no answer through the balancer");
			run.finish(RunStatus.ROLLED_BACK, "Restored the previous config");
		});
		RunView run = awaitEnd(runId);
		assertThat(run.status()).isEqualTo(RunStatus.ROLLED_BACK);
		assertThat(run.steps()).extracting(StepView::status).containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED);
		assertThat(run.steps().get(0).output()).isEqualTo("uploaded 120 bytes");
	}

	@Test
	void aScriptThatThrowsOrForgetsTheVerdictEndsFailed() {
		RunView crashed = awaitEnd(this.launcher.launch(RunKind.DEPLOY_BALANCER, null, "Crash", "test", (run) -> {
			throw new IllegalStateException("bug");
		}));
		assertThat(crashed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(crashed.summary()).contains("failed unexpectedly", "bug");
		RunView silent = awaitEnd(this.launcher.launch(RunKind.DEPLOY_BALANCER, null, "Silent", "test", (run) -> {
		}));
		assertThat(silent.status()).isEqualTo(RunStatus.FAILED);
		assertThat(silent.summary()).contains("without a verdict");
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(30), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
