package dev.warren.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RemoteSession} that runs the rendered command with {@code sh -c} on this
 * machine as another, unprivileged user ({@code runuser}, so the tests must run as root),
 * through {@code sudo -n --} when asked, exactly as SSH would hand it to the server's
 * shell. It gives the real answers of a refused sudo, a permission denied and a missing
 * program, without an SSH server.
 */
final class LocalUserSession implements RemoteSession {

	private final String user;

	private final boolean sudo;

	LocalUserSession(String user, boolean sudo) {
		this.user = user;
		this.sudo = sudo;
	}

	static boolean available() {
		return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser"));
	}

	@Override
	public long serverId() {
		return 0;
	}

	@Override
	public ShellDialect dialect() {
		return ShellDialect.POSIX;
	}

	@Override
	public CommandResult run(CommandLine command, Duration timeout, OutputListener listener) {
		return execute(command, this.sudo, timeout);
	}

	@Override
	public CommandResult runAsLoginUser(CommandLine command, Duration timeout, OutputListener listener) {
		return execute(command, false, timeout);
	}

	private CommandResult execute(CommandLine command, boolean sudo, Duration timeout) {
		List<String> arguments = new ArrayList<>();
		if (sudo) {
			arguments.addAll(List.of("sudo", "-n", "--"));
		}
		arguments.addAll(command.arguments());
		String rendered = ShellDialect.POSIX.render(new CommandLine(arguments));
		Instant startedAt = Instant.now();
		try {
			Process process = new ProcessBuilder("/usr/sbin/runuser", "-u", this.user, "--", "/bin/sh", "-c", rendered)
				.directory(Path.of("/").toFile())
				.start();
			process.getOutputStream().close();
			if (!process.waitFor((timeout != null) ? timeout.toMillis() : 30_000, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new RemoteException(RemoteException.Kind.TIMEOUT, "timed out: " + rendered);
			}
			String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return new CommandResult(rendered, process.exitValue(), stdout, stderr, startedAt,
					Duration.between(startedAt, Instant.now()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RemoteException(RemoteException.Kind.CANCELLED, "interrupted");
		}
	}

	@Override
	public void upload(String remotePath, byte[] content) {
		throw new UnsupportedOperationException("not needed by these tests");
	}

	@Override
	public byte[] download(String remotePath) {
		throw new UnsupportedOperationException("not needed by these tests");
	}

	@Override
	public void close() {
	}

}
