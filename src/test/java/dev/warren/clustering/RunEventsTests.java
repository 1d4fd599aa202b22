package dev.warren.clustering;

import java.time.Duration;
import java.util.List;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A run's events as watchers receive them, and the guarded transitions behind them.
 */
@WarrenTest
class RunEventsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RunRecorder recorder;

	@Test
	void aFollowerJoiningLateGetsWhatItMissedThenTheEnd() {
		Api api = new Api(this.mvc);
		long server = api.server("LINUX");
		long cluster = api.cluster(server);
		long runId = this.recorder.create(RunKind.RESTART_NODE, cluster, "Restart", "test", null);
		this.recorder.start(runId);
		this.recorder.plan(runId, List.of(new PlannedCommand(server, "srv", "Say hello", "echo hello")));
		this.recorder.beginStep(runId, 1, null);
		this.recorder.endStep(runId, 1, true, 0, "hello");
		this.recorder.finish(runId, RunStatus.SUCCEEDED, "All good");

		MvcTestResult events = this.mvc.get()
			.uri("/api/v1/runs/{id}/events", runId)
			.with(Accounts.asViewer())
			.exchange(Duration.ofSeconds(5));
		assertThat(events).hasStatusOk();
		assertThat(events).bodyText().contains("event:run", "SUCCEEDED");

		assertThat(this.mvc.get().uri("/api/v1/runs/{id}", runId).with(Accounts.asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.steps[0].output")
			.isEqualTo("hello");
	}

	@Test
	void aRunGuardsItsTransitions() {
		long runId = this.recorder.create(RunKind.JOIN, null, "Guarded", "test", null);
		assertThatIllegalArgumentException().isThrownBy(() -> this.recorder.beginStep(runId, 1, null));
		this.recorder.start(runId);
		this.recorder.plan(runId, List.of(new PlannedCommand(null, "srv", "Step", "true")));
		assertThatIllegalStateException().isThrownBy(() -> this.recorder.endStep(runId, 1, true, 0, ""));
		this.recorder.finish(runId, RunStatus.FAILED, "Stopped");
		assertThatIllegalStateException().isThrownBy(() -> this.recorder.start(runId));
		assertThatIllegalStateException().isThrownBy(() -> this.recorder.finish(runId, RunStatus.SUCCEEDED, "again"));
	}

}
