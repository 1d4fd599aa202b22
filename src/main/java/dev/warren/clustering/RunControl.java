package dev.warren.clustering;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.RemoteSession;

/**
 * What a {@link RunScript} records its run with. Each call is persisted as it happens and
 * pushed to the run's watchers.
 */
public interface RunControl {

	long runId();

	String actor();

	/** The checks made before anything changes; shown above the plan. */
	void preflight(List<PreflightCheck> checks);

	/**
	 * Adds steps to the plan (also later, for a rollback) and returns their positions.
	 */
	List<Integer> plan(List<StepPlan> steps);

	/** Runs a planned command step on its server, streaming its output. */
	StepResult command(int position, ServerView server, CommandLine command, Duration timeout);

	/**
	 * Runs a planned command step whose answer needs checking: {@code judge} says what is
	 * wrong with it, or {@code null}.
	 */
	StepResult command(int position, ServerView server, CommandLine command, Duration timeout,
			Function<CommandResult, String> judge);

	/**
	 * Runs a planned step that is not a command; its output is what {@code work} returns.
	 */
	StepResult action(int position, Callable<String> work);

	/** The run's SSH session to a server, for work inside {@link #action}. */
	RemoteSession session(ServerView server);

	/** Ends the run: SUCCEEDED, FAILED or ROLLED_BACK, with a summary for people. */
	void finish(RunStatus outcome, String summary);

}
