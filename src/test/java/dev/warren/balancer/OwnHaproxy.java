package dev.warren.balancer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.warren.support.LabCluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HAProxy of the test's own in master-worker mode, so that a reload is one fixed
 * command ({@code kill -USR2 <master>}) and the lab's HAProxy is left alone. It starts
 * serving AMQP on {@code port} through the lab's first node.
 */
final class OwnHaproxy implements AutoCloseable {

	private final Path dir;

	private final Path cfg;

	private final long master;

	private OwnHaproxy(Path dir, Path cfg, long master) {
		this.dir = dir;
		this.cfg = cfg;
		this.master = master;
	}

	static OwnHaproxy start(Path dir, int port) throws IOException, InterruptedException {
		Path cfg = dir.resolve("haproxy.cfg");
		Files.writeString(cfg, """
				global
				  maxconn 200
				defaults
				  mode tcp
				  timeout connect 5s
				  timeout client 120s
				  timeout server 120s
				listen rabbit
				  bind 127.0.0.1:%d
				  server rabbit 127.0.0.1:5672
				""".formatted(port));
		Path pid = dir.resolve("haproxy.pid");
		Process process = new ProcessBuilder("haproxy", "-W", "-D", "-f", cfg.toString(), "-p", pid.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
		LabCluster.waitUntil(Duration.ofSeconds(10), () -> Files.isReadable(pid) && readable(pid));
		long master = Long.parseLong(Files.readAllLines(pid).get(0).strip());
		return new OwnHaproxy(dir, cfg, master);
	}

	private static boolean readable(Path pid) {
		try {
			return !Files.readAllLines(pid).isEmpty();
		}
		catch (IOException ex) {
			return false;
		}
	}

	Path cfg() {
		return this.cfg;
	}

	long master() {
		return this.master;
	}

	String reloadCommand() {
		return "kill -USR2 " + this.master;
	}

	/** The rendered config with this HAProxy's stats socket and without a chroot. */
	String adjust(RenderedConfig config) {
		return config.content()
			.replace("stats socket /run/haproxy/admin.sock", "stats socket " + this.dir.resolve("admin.sock"))
			.replace("    chroot /var/lib/haproxy\n", "");
	}

	@Override
	public void close() {
		ProcessHandle.of(this.master).ifPresent(ProcessHandle::destroy);
	}

}
