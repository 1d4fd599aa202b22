package dev.warren.remote;

import java.time.Duration;

/**
 * An open SSH connection to one server, checked against its trusted host key. Commands
 * run through {@code sudo -n} when the server says so. Every command goes to the audit
 * log (who, server, command, exit code). Not thread-safe: one caller at a time.
 */
public interface RemoteSession extends AutoCloseable {

	long serverId();

	ShellDialect dialect();

	/**
	 * Runs a command, streaming its output line by line to {@code listener}. Interrupting
	 * the calling thread cancels it ({@link RemoteException.Kind#CANCELLED}).
	 * <p>
	 * A non-zero exit code is a result, not an exception. The listener is called from
	 * reader threads, one line at a time (never concurrently), without the line break;
	 * the result keeps stdout and stderr as those lines joined by {@code \n}. The
	 * rendered command goes to the audit log: never pass a secret as an argument (upload
	 * it in a file instead); the server's own SSH password and passphrase are masked.
	 * @param timeout how long the command may take before it is abandoned
	 * ({@link RemoteException.Kind#TIMEOUT}: the channel is closed and a KILL signal
	 * requested, which OpenSSH ignores for root and sudo, so the command itself may run
	 * on to its end on the server); {@code null} means
	 * {@code warren.remote.default-command-timeout} (2 minutes)
	 * @throws IllegalArgumentException when an argument cannot be quoted safely for the
	 * server's shell (nothing runs then)
	 * @throws RemoteException TIMEOUT, CANCELLED or CONNECTION_LOST
	 */
	CommandResult run(CommandLine command, Duration timeout, OutputListener listener);

	/**
	 * Runs a command as the SSH user itself, never through {@code sudo}, even on a server
	 * that uses it: for what needs no privileges (asking {@code sudo -n -l} what is
	 * allowed, files in a directory the user may write).
	 */
	CommandResult runAsLoginUser(CommandLine command, Duration timeout, OutputListener listener);

	/**
	 * Runs a command that reads {@code input} on its stdin (then end of file), such as
	 * {@code socat} sending a command to HAProxy's runtime API. The input is not audited
	 * (the command is): never a secret in the command, and only what the caller would
	 * show in the input.
	 * @param asLoginUser as the SSH user itself, never through {@code sudo}
	 */
	default CommandResult runWithInput(CommandLine command, byte[] input, boolean asLoginUser, Duration timeout) {
		throw new UnsupportedOperationException("this session cannot send input to a command");
	}

	/** Runs a command with the default timeout. */
	default CommandResult run(CommandLine command, OutputListener listener) {
		return run(command, null, listener);
	}

	/** Writes a file over SFTP (created or replaced). */
	void upload(String remotePath, byte[] content);

	/** Reads a file over SFTP. */
	byte[] download(String remotePath);

	@Override
	void close();

}
