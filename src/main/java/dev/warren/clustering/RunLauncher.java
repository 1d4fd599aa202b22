package dev.warren.clustering;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Runs another module's work on servers as a run: persisted step by step, followed live,
 * one at a time per cluster, INTERRUPTED if the console stops meanwhile. A script that
 * ends without a verdict, or throws, ends FAILED saying so.
 */
@Service
public class RunLauncher {

	private final RemoteShells shells;

	private final RunRecorder recorder;

	private final RunEvents events;

	private final Executor executor;

	RunLauncher(RemoteShells shells, RunRecorder recorder, RunEvents events,
			@Qualifier("clusteringExecutor") Executor executor) {
		this.shells = shells;
		this.recorder = recorder;
		this.events = events;
		this.executor = executor;
	}

	/**
	 * @param clusterId the cluster the run holds while it is active, or {@code null}
	 * @return the run's id
	 * @throws ClusterBusyException when another run holds the cluster
	 */
	public long launch(RunKind kind, Long clusterId, String target, String actor, RunScript script) {
		long runId = this.recorder.create(kind, clusterId, target, actor, null);
		this.executor.execute(() -> execute(runId, actor, script));
		return runId;
	}

	private void execute(long runId, String actor, RunScript script) {
		try (StepRunner runner = new StepRunner(runId, actor, this.shells, this.recorder, this.events)) {
			this.recorder.start(runId);
			Control control = new Control(runId, actor, runner);
			script.run(control);
			if (!control.finished) {
				this.recorder.finish(runId, RunStatus.FAILED,
						"The run ended without a verdict: look at its steps and use \"Re-check state\".");
			}
		}
		catch (RuntimeException ex) {
			this.recorder.crashed(runId, ex);
		}
		finally {
			this.events.forget(runId);
		}
	}

	private final class Control implements RunControl {

		private final long runId;

		private final String actor;

		private final StepRunner runner;

		private boolean finished;

		Control(long runId, String actor, StepRunner runner) {
			this.runId = runId;
			this.actor = actor;
			this.runner = runner;
		}

		@Override
		public long runId() {
			return this.runId;
		}

		@Override
		public String actor() {
			return this.actor;
		}

		@Override
		public void preflight(List<PreflightCheck> checks) {
			RunLauncher.this.recorder.preflight(this.runId, checks);
		}

		@Override
		public List<Integer> plan(List<StepPlan> steps) {
			return RunLauncher.this.recorder.plan(this.runId, steps.stream()
				.map((step) -> new PlannedCommand(step.server().id(), step.server().name(), step.description(),
						(step.command() == null) ? null
								: step.asLoginUser() ? CommandTexts.renderAsLoginUser(step.server(), step.command())
										: CommandTexts.render(step.server(), step.command())))
				.toList());
		}

		@Override
		public StepResult command(int position, ServerView server, CommandLine command, Duration timeout) {
			return result(this.runner.run(position, server, command, timeout));
		}

		@Override
		public StepResult command(int position, ServerView server, CommandLine command, Duration timeout,
				Function<CommandResult, String> judge) {
			return result(this.runner.run(position, server, command, timeout, judge, Duration.ZERO));
		}

		@Override
		public StepResult action(int position, Callable<String> work) {
			return result(this.runner.action(position, work));
		}

		@Override
		public RemoteSession session(ServerView server) {
			return this.runner.session(server);
		}

		@Override
		public void finish(RunStatus outcome, String summary) {
			RunLauncher.this.recorder.finish(this.runId, outcome, summary);
			this.finished = true;
		}

		private static StepResult result(StepRunner.Outcome outcome) {
			return new StepResult(outcome.succeeded(), outcome.exitCode(), outcome.reason());
		}

	}

}
