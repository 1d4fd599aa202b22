package dev.warren.clustering;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;

/**
 * Runs a run's commands, one SSH session per server, recording each step as it starts and
 * ends and streaming every output line to the watchers.
 */
final class StepRunner implements AutoCloseable {

	private final long runId;

	private final String actor;

	private final RemoteShells shells;

	private final RunRecorder recorder;

	private final RunEvents events;

	private final Map<Long, RemoteSession> sessions = new HashMap<>();

	StepRunner(long runId, String actor, RemoteShells shells, RunRecorder recorder, RunEvents events) {
		this.runId = runId;
		this.actor = actor;
		this.shells = shells;
		this.recorder = recorder;
		this.events = events;
	}

	/** The outcome of one step: the result, or why no result came back. */
	record Outcome(CommandResult result, RemoteException failure, String problem) {

		boolean succeeded() {
			return this.result != null && this.result.succeeded() && this.problem == null;
		}

		/** Why the step failed, in one line. */
		String reason() {
			if (this.failure != null) {
				return this.failure.getMessage();
			}
			if (this.problem != null) {
				return this.problem;
			}
			return dev.warren.rabbitmq.CliErrors.explain(this.result.exitCode(), this.result.output());
		}

		Integer exitCode() {
			return (this.result != null) ? this.result.exitCode() : null;
		}

	}

	Outcome run(int position, ServerView server, CommandLine command, Duration timeout) {
		return run(position, server, command, timeout, null, Duration.ZERO);
	}

	/**
	 * Runs a step whose success needs more than exit code 0: {@code judge} (if any) says
	 * what is wrong with the answer. While it finds something wrong, the command is asked
	 * again every two seconds for up to {@code patience}: a freshly joined node takes a
	 * moment to show everywhere.
	 */
	Outcome run(int position, ServerView server, CommandLine command, Duration timeout,
			Function<CommandResult, String> judge, Duration patience) {
		this.recorder.beginStep(this.runId, position, null);
		long deadline = System.nanoTime() + patience.toNanos();
		try {
			RemoteSession session = this.sessions.computeIfAbsent(server.id(),
					(id) -> this.shells.open(id, this.actor));
			while (true) {
				CommandResult result = session.run(command, timeout,
						(kind, line) -> this.events.line(this.runId, position, kind.name(), line));
				String problem = (result.succeeded() && judge != null) ? judge.apply(result) : null;
				if (problem != null && System.nanoTime() < deadline) {
					this.events.line(this.runId, position, "STDERR", "(not yet: " + problem + "; asking again)");
					Thread.sleep(2000);
					continue;
				}
				boolean succeeded = result.succeeded() && problem == null;
				String output = (problem != null) ? result.output() + "\n\n✗ " + problem : result.output();
				if (result.succeeded() && judge instanceof Judges.Described described) {
					output = ((problem == null) ? "✓ " : "") + described.describe(result) + "\n\n" + output;
				}
				this.recorder.endStep(this.runId, position, succeeded, result.exitCode(), output);
				return new Outcome(result, null, problem);
			}
		}
		catch (RemoteException ex) {
			RemoteSession broken = this.sessions.remove(server.id());
			if (broken != null) {
				broken.close();
			}
			this.recorder.endStep(this.runId, position, false, null, ex.getMessage());
			return new Outcome(null, ex, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			RemoteException cancelled = new RemoteException(RemoteException.Kind.CANCELLED, "Cancelled");
			this.recorder.endStep(this.runId, position, false, null, cancelled.getMessage());
			return new Outcome(null, cancelled, null);
		}
	}

	@Override
	public void close() {
		this.sessions.values().forEach(RemoteSession::close);
		this.sessions.clear();
	}

}
