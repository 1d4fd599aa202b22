package dev.warren.remote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.inventory.ServerView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in JSch session. Each command gets its own exec channel; its stdout and
 * stderr are read by two threads and handed to the listener line by line (never two calls
 * at once), while the caller's thread watches the clock, its own interrupt flag and the
 * connection.
 */
final class JschSession implements RemoteSession {

	private static final Logger logger = LoggerFactory.getLogger(JschSession.class);

	/** Output kept in the result per stream; the listener still sees every line. */
	static final int MAX_KEPT_CHARS = 1_000_000;

	private static final long POLL_MILLIS = 50;

	/** How long a closed channel without exit status waits for JSch to notice a drop. */
	private static final long DROP_GRACE_MILLIS = 2_000;

	private final ServerView server;

	private final Session session;

	private final String actor;

	private final AuditLog auditLog;

	private final RemoteProperties properties;

	private final Clock clock;

	private final List<String> redacted;

	JschSession(ServerView server, Session session, String actor, AuditLog auditLog, RemoteProperties properties,
			Clock clock, List<String> redacted) {
		this.server = server;
		this.session = session;
		this.actor = actor;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
		this.redacted = List.copyOf(redacted);
	}

	@Override
	public long serverId() {
		return this.server.id();
	}

	@Override
	public ShellDialect dialect() {
		return ShellDialect.of(this.server.os());
	}

	/** The command as it is sent: through {@code sudo -n} when the server says so. */
	CommandLine effective(CommandLine command) {
		if (!this.server.useSudo()) {
			return command;
		}
		List<String> arguments = new ArrayList<>(List.of("sudo", "-n", "--"));
		arguments.addAll(command.arguments());
		return new CommandLine(arguments);
	}

	@Override
	public CommandResult run(CommandLine command, Duration timeout, OutputListener listener) {
		return execute(effective(command), new byte[0], timeout, listener);
	}

	@Override
	public CommandResult runAsLoginUser(CommandLine command, Duration timeout, OutputListener listener) {
		return execute(command, new byte[0], timeout, listener);
	}

	@Override
	public CommandResult runWithInput(CommandLine command, byte[] input, boolean asLoginUser, Duration timeout) {
		return execute(asLoginUser ? command : effective(command), input, timeout, OutputListener.NONE);
	}

	private CommandResult execute(CommandLine sent, byte[] input, Duration timeout, OutputListener listener) {
		String rendered = dialect().render(sent);
		Duration limit = (timeout != null) ? timeout : this.properties.defaultCommandTimeout();
		OutputListener target = (listener != null) ? listener : OutputListener.NONE;
		if (Thread.currentThread().isInterrupted()) {
			throw new RemoteException(RemoteException.Kind.CANCELLED, "Cancelled before '" + rendered + "' started");
		}
		requireConnected(rendered);
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		ChannelExec channel = openExec(rendered, input);
		Object listenerLock = new Object();
		CountDownLatch readersDone = new CountDownLatch(2);
		LineReader stdout;
		LineReader stderr;
		try {
			stdout = new LineReader(OutputKind.STDOUT, channel.getInputStream(), target, listenerLock, readersDone);
			stderr = new LineReader(OutputKind.STDERR, channel.getExtInputStream(), target, listenerLock, readersDone);
			channel.connect(millis(this.properties.connectTimeout()));
		}
		catch (IOException | JSchException ex) {
			channel.disconnect();
			throw failedToStart(rendered, ex);
		}
		stdout.start(this.server.id());
		stderr.start(this.server.id());
		try {
			waitFor(channel, readersDone, start, limit, rendered);
		}
		catch (RemoteException ex) {
			abandon(channel);
			awaitQuietly(readersDone);
			audit(rendered, outcomeOf(ex), Duration.ofNanos(System.nanoTime() - start), null);
			throw ex;
		}
		int exitCode = channel.getExitStatus();
		channel.disconnect();
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		audit(rendered, "exit " + exitCode, duration, exitCode);
		return new CommandResult(rendered, exitCode, stdout.text(), stderr.text(), startedAt, duration);
	}

	private void waitFor(ChannelExec channel, CountDownLatch readersDone, long start, Duration limit, String rendered) {
		long deadline = start + limit.toNanos();
		try {
			while (!(readersDone.await(POLL_MILLIS, TimeUnit.MILLISECONDS) && channel.isClosed())) {
				if (!this.session.isConnected()) {
					throw lost(rendered);
				}
				if (System.nanoTime() - deadline > 0) {
					throw new RemoteException(RemoteException.Kind.TIMEOUT, "'" + rendered + "' on server '"
							+ this.server.name() + "' did not finish within " + limit + "; it was abandoned");
				}
			}
			if (channel.getExitStatus() == -1 && droppedWithin(DROP_GRACE_MILLIS)) {
				throw lost(rendered);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RemoteException(RemoteException.Kind.CANCELLED,
					"'" + rendered + "' on server '" + this.server.name() + "' was cancelled", ex);
		}
	}

	/**
	 * A channel that closes without an exit status was either killed by a signal or cut
	 * off with the connection; JSch marks the session down a moment after closing its
	 * channels.
	 */
	private boolean droppedWithin(long millis) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (System.nanoTime() - until < 0) {
			if (!this.session.isConnected()) {
				return true;
			}
			Thread.sleep(POLL_MILLIS);
		}
		return !this.session.isConnected();
	}

	private RemoteException lost(String rendered) {
		return new RemoteException(RemoteException.Kind.CONNECTION_LOST, "The connection to server '"
				+ this.server.name() + "' dropped while '" + rendered + "' ran; its outcome is unknown");
	}

	/**
	 * Closes the channel after asking for a KILL signal. Only a best effort: OpenSSH
	 * delivers signals to sessions of unprivileged logins, not to root's (it logs
	 * "session signalling requires privilege separation") nor through sudo, and closing
	 * an exec channel without a terminal does not stop its command. An abandoned command
	 * may run on to its end on the server.
	 */
	private void abandon(ChannelExec channel) {
		if (this.session.isConnected() && !channel.isClosed()) {
			try {
				channel.sendSignal("KILL");
			}
			catch (Exception ex) {
				logger.debug("Could not signal an abandoned command on server {}", this.server.id(), ex);
			}
		}
		channel.disconnect();
	}

	private static void awaitQuietly(CountDownLatch readersDone) {
		boolean interrupted = Thread.interrupted();
		try {
			readersDone.await(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private ChannelExec openExec(String rendered, byte[] input) {
		try {
			ChannelExec channel = (ChannelExec) this.session.openChannel("exec");
			channel.setCommand(rendered.getBytes(StandardCharsets.UTF_8));
			// The input, then end of file (none: a command that reads stdin sees end of
			// file at once).
			channel.setInputStream(new ByteArrayInputStream(input));
			channel.setPty(false);
			return channel;
		}
		catch (JSchException ex) {
			throw failedToStart(rendered, ex);
		}
	}

	private RemoteException failedToStart(String rendered, Exception ex) {
		if (!this.session.isConnected()) {
			return lost(rendered);
		}
		return new RemoteException(RemoteException.Kind.CONNECTION_LOST, "Could not start '" + rendered
				+ "' on server '" + this.server.name() + "': " + SshConnections.reason(ex), ex);
	}

	private void requireConnected(String what) {
		if (!this.session.isConnected()) {
			throw new RemoteException(RemoteException.Kind.CONNECTION_LOST,
					"The connection to server '" + this.server.name() + "' is closed; cannot run '" + what + "'");
		}
	}

	@Override
	public void upload(String remotePath, byte[] content) {
		requireConnected("an upload to " + remotePath);
		ChannelSftp sftp = openSftp(remotePath);
		long start = System.nanoTime();
		try {
			sftp.put(new ByteArrayInputStream(content), remotePath, ChannelSftp.OVERWRITE);
		}
		catch (SftpException ex) {
			throw transferFailed("write", remotePath, ex);
		}
		finally {
			sftp.disconnect();
		}
		auditTransfer("UPLOAD",
				"Uploaded " + content.length + " bytes (sha256 " + sha256(content) + ") to " + remotePath, remotePath,
				content.length, Duration.ofNanos(System.nanoTime() - start));
	}

	@Override
	public byte[] download(String remotePath) {
		requireConnected("a download of " + remotePath);
		ChannelSftp sftp = openSftp(remotePath);
		long start = System.nanoTime();
		byte[] content;
		try (InputStream in = sftp.get(remotePath)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			content = out.toByteArray();
		}
		catch (SftpException ex) {
			throw transferFailed("read", remotePath, ex);
		}
		catch (IOException ex) {
			throw transferFailed("read", remotePath, ex);
		}
		finally {
			sftp.disconnect();
		}
		auditTransfer("DOWNLOAD", "Downloaded " + content.length + " bytes from " + remotePath, remotePath,
				content.length, Duration.ofNanos(System.nanoTime() - start));
		return content;
	}

	private ChannelSftp openSftp(String remotePath) {
		try {
			ChannelSftp sftp = (ChannelSftp) this.session.openChannel("sftp");
			sftp.connect(millis(this.properties.connectTimeout()));
			return sftp;
		}
		catch (JSchException ex) {
			if (!this.session.isConnected()) {
				throw new RemoteException(RemoteException.Kind.CONNECTION_LOST, "The connection to server '"
						+ this.server.name() + "' dropped before transferring " + remotePath, ex);
			}
			throw new RemoteException(RemoteException.Kind.TRANSFER_FAILED, "Server '" + this.server.name()
					+ "' offers no SFTP for " + remotePath + ": " + SshConnections.reason(ex), ex);
		}
	}

	private RemoteException transferFailed(String verb, String remotePath, Exception ex) {
		if (!this.session.isConnected()) {
			return new RemoteException(RemoteException.Kind.CONNECTION_LOST,
					"The connection to server '" + this.server.name() + "' dropped while transferring " + remotePath,
					ex);
		}
		return new RemoteException(RemoteException.Kind.TRANSFER_FAILED, "Cannot " + verb + " " + remotePath
				+ " on server '" + this.server.name() + "' as " + this.server.sshUser() + ": " + describe(ex), ex);
	}

	private static String describe(Exception ex) {
		if (ex instanceof SftpException sftp) {
			String message = (sftp.getMessage() != null) ? sftp.getMessage() : "error";
			return message + " (SFTP status " + sftp.id + ")";
		}
		return SshConnections.reason(ex);
	}

	@Override
	public void close() {
		this.session.disconnect();
	}

	private void audit(String rendered, String outcome, Duration duration, Integer exitCode) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("server", this.server.name());
		details.put("endpoint", SshConnections.endpoint(this.server));
		details.put("command", redact(rendered));
		details.put("outcome", outcome);
		details.put("exitCode", exitCode);
		details.put("durationMillis", duration.toMillis());
		record(new AuditEntry("COMMAND", "SERVER", String.valueOf(this.server.id()), redact(
				capitalized(outcome) + " after " + seconds(duration) + " on '" + this.server.name() + "': " + rendered),
				null, details));
	}

	private void auditTransfer(String action, String summary, String remotePath, int bytes, Duration duration) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("server", this.server.name());
		details.put("endpoint", SshConnections.endpoint(this.server));
		details.put("path", redact(remotePath));
		details.put("bytes", bytes);
		details.put("durationMillis", duration.toMillis());
		record(new AuditEntry(action, "SERVER", String.valueOf(this.server.id()),
				redact(summary + " on '" + this.server.name() + "'"), null, details));
	}

	private void record(AuditEntry entry) {
		try {
			this.auditLog.recordAs(this.actor, entry, null);
		}
		catch (RuntimeException ex) {
			// The command has run; losing its result now would not undo it.
			logger.error("Could not write the audit record of a remote action on server {}: {}", this.server.id(),
					entry.summary(), ex);
		}
	}

	/** The server's SSH password and passphrase never reach the audit log. */
	String redact(String text) {
		String result = text;
		for (String secret : this.redacted) {
			result = result.replace(secret, "[secret]");
		}
		return result;
	}

	private static String outcomeOf(RemoteException ex) {
		return switch (ex.kind()) {
			case TIMEOUT -> "timed out";
			case CANCELLED -> "cancelled";
			case CONNECTION_LOST -> "connection lost";
			default -> ex.kind().name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	private static String capitalized(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int millis(Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
	}

	/**
	 * Reads one stream to its end, handing complete lines (without the line break) to the
	 * listener as they arrive and keeping the text for the result.
	 */
	private static final class LineReader implements Runnable {

		private final OutputKind kind;

		private final InputStream in;

		private final OutputListener listener;

		private final Object listenerLock;

		private final CountDownLatch done;

		private final StringBuilder kept = new StringBuilder();

		private long droppedChars;

		private long lines;

		private boolean listenerFailed;

		LineReader(OutputKind kind, InputStream in, OutputListener listener, Object listenerLock, CountDownLatch done) {
			this.kind = kind;
			this.in = in;
			this.listener = listener;
			this.listenerLock = listenerLock;
			this.done = done;
		}

		void start(long serverId) {
			Thread thread = new Thread(this, "warren-ssh-" + serverId + "-" + this.kind.name().toLowerCase());
			thread.setDaemon(true);
			thread.start();
		}

		@Override
		public void run() {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				int read;
				while ((read = this.in.read(buffer)) != -1) {
					for (int i = 0; i < read; i++) {
						if (buffer[i] == '\n') {
							emit(line);
						}
						else {
							line.write(buffer[i]);
						}
					}
				}
			}
			catch (IOException ex) {
				// The channel was closed under us (timeout, cancel, dropped connection):
				// the caller's thread reports that.
			}
			finally {
				if (line.size() > 0) {
					emit(line);
				}
				this.done.countDown();
			}
		}

		private void emit(ByteArrayOutputStream bytes) {
			String text = bytes.toString(StandardCharsets.UTF_8);
			bytes.reset();
			if (text.endsWith("\r")) {
				text = text.substring(0, text.length() - 1);
			}
			synchronized (this.listenerLock) {
				keep(text);
				try {
					this.listener.onLine(this.kind, text);
				}
				catch (RuntimeException ex) {
					if (!this.listenerFailed) {
						this.listenerFailed = true;
						logger.warn("An output listener failed; the command keeps running", ex);
					}
				}
			}
		}

		private void keep(String line) {
			if (this.kept.length() + line.length() + 1 > MAX_KEPT_CHARS) {
				this.droppedChars += line.length() + 1;
				return;
			}
			if (this.lines++ > 0) {
				this.kept.append('\n');
			}
			this.kept.append(line);
		}

		String text() {
			synchronized (this.listenerLock) {
				if (this.droppedChars > 0) {
					return this.kept + "\n[" + this.droppedChars + " more characters not kept]";
				}
				return this.kept.toString();
			}
		}

	}

}
