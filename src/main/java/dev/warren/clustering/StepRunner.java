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

	/**
	 * The outcome of one step: whether it succeeded, the command's exit code if it was a
	 * command, and why it failed, in one line.
	 */
	record Outcome(boolean succeeded, Integer exitCode, String reason) {

		static Outcome of(CommandResult result, String problem) {
			boolean succeeded = result.succeeded() && problem == null;
			String reason = succeeded ? null : (problem != null) ? problem
					: dev.warren.rabbitmq.CliErrors.explain(result.exitCode(), result.output());
			return new Outcome(succeeded, result.exitCode(), reason);
		}

		static Outcome failed(String reason) {
			return new Outcome(false, null, reason);
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
				return Outcome.of(result, problem);
			}
		}
		catch (RemoteException ex) {
			RemoteSession broken = this.sessions.remove(server.id());
			if (broken != null) {
				broken.close();
			}
			this.recorder.endStep(this.runId, position, false, null, ex.getMessage());
			return Outcome.failed(ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			RemoteException cancelled = new RemoteException(RemoteException.Kind.CANCELLED, "Cancelled");
			this.recorder.endStep(this.runId, position, false, null, cancelled.getMessage());
			return Outcome.failed(cancelled.getMessage());
		}
	}

	/**
	 * Runs a step that is not one command (an upload, a round trip through a balancer):
	 * its output is what {@code work} returns; an exception fails the step with its
	 * message.
	 */
	Outcome action(int position, java.util.concurrent.Callable<String> work) {
		this.recorder.beginStep(this.runId, position, null);
		try {
			String output = work.call();
			this.recorder.endStep(this.runId, position, true, null, output);
			return new Outcome(true, null, null);
		}
		catch (Exception ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			this.recorder.endStep(this.runId, position, false, null, message);
			return Outcome.failed(message);
		}
	}

	/**
	 * The session to a server, opened on first use, for steps that need more than a
	 * command.
	 */
	RemoteSession session(ServerView server) {
		return this.sessions.computeIfAbsent(server.id(), (id) -> this.shells.open(id, this.actor));
	}

	@Override
	public void close() {
		this.sessions.values().forEach(RemoteSession::close);
		this.sessions.clear();
	}

}
