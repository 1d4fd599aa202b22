package dev.warren.balancer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's real NGINX as a Warren balancer: its paths and commands, and putting its own
 * nginx.conf back afterwards.
 */
final class LabNginx {

	private final Lab lab;

	private final Path conf;

	private final String original;

	LabNginx(Lab lab) throws IOException {
		this.lab = lab;
		this.conf = Path.of(lab.get("nginx.conf"));
		this.original = Files.readString(this.conf);
	}

	Path conf() {
		return this.conf;
	}

	String original() {
		return this.original;
	}

	int port() {
		return this.lab.port("nginx.port");
	}

	/** A balancer body for the lab's NGINX, listening on {@code port}. */
	Map<String, Object> balancer(long cluster, long host, int port) {
		String prefix = this.conf.getParent().toString();
		return Json.map("name", Api.unique("lab-nginx"), "kind", "NGINX", "clusterId", cluster, "hostServerId", host,
				"listenAddress", "127.0.0.1", "listenPort", port, "configPath", this.conf.toString(), "validateCommand",
				"nginx -t -p " + prefix + " -c {file}", "reloadCommand",
				"nginx -p " + prefix + " -c " + this.conf + " -s reload");
	}

	/** The rendered config with the lab's pid file and error log instead of Debian's. */
	String forTheLab(RenderedConfig config) {
		return config.content()
			.replace("pid /run/nginx.pid;", "pid " + this.lab.get("nginx.pidFile") + ";")
			.replace("error_log /var/log/nginx/error.log notice;",
					"error_log " + this.lab.get("nginx.errorLog") + " info;");
	}

	/**
	 * Puts the lab's own nginx.conf back (and reloads) and removes Warren's leftovers.
	 */
	void restore() throws IOException, InterruptedException {
		if (!Files.readString(this.conf).equals(this.original)) {
			Files.writeString(this.conf, this.original);
			List<String> command = new ArrayList<>(List.of("nginx", "-p", this.conf.getParent().toString(), "-c",
					this.conf.toString(), "-s", "reload"));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
			Thread.sleep(500);
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.conf.getParent(),
				this.conf.getFileName() + ".warren-*")) {
			for (Path leftover : leftovers) {
				Files.delete(leftover);
			}
		}
	}

}
