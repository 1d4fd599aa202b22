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
	 * @param timeout how long the command may take before it is abandoned
	 * ({@link RemoteException.Kind#TIMEOUT})
	 */
	CommandResult run(CommandLine command, Duration timeout, OutputListener listener);

	/** Writes a file over SFTP (created or replaced). */
	void upload(String remotePath, byte[] content);

	/** Reads a file over SFTP. */
	byte[] download(String remotePath);

	@Override
	void close();

}
