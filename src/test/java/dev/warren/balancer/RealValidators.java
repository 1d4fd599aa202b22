package dev.warren.balancer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.warren.inventory.OperatingSystem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's own {@code nginx -t} and {@code haproxy -c}, run on this machine against
 * files in a temporary directory. Neither binds a port. What the file would write at run
 * time (NGINX's pid and error log) is pointed into that directory; an include file is
 * checked inside a minimal nginx.conf; a Windows nginx.conf gets the {@code load_module}
 * line that Debian's NGINX needs and Windows builds do not.
 */
public final class RealValidators {

	public static final Path NGINX = Path.of("/usr/sbin/nginx");

	public static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

	static final String STREAM_MODULE = "load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n";

	private RealValidators() {
	}

	/**
	 * Asserts that NGINX accepts the config, without warnings.
	 * @param fileName {@code nginx.conf} (complete), {@code rabbitmq-stream.conf}
	 * (include file at the top level) or {@code rabbitmq.conf} (include file inside
	 * {@code stream {}}, here next to another file of that block)
	 */
	public static void assertNginxAccepts(String content, String fileName, OperatingSystem os, Path dir)
			throws IOException {
		Path config = dir.resolve("nginx.conf");
		Files.createDirectories(dir.resolve("logs"));
		if (fileName.equals(NginxLayout.INCLUDE.fileName())) {
			Path include = Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
			Files.writeString(config, STREAM_MODULE + "pid " + dir.resolve("nginx.pid") + ";\nerror_log "
					+ dir.resolve("error.log") + " notice;\nevents {}\ninclude " + include + ";\n");
		}
		else if (fileName.equals(NginxLayout.STREAM_INCLUDE.fileName())) {
			Path include = Files.writeString(dir.resolve(fileName), content, StandardCharsets.UTF_8);
			Files.writeString(config,
					STREAM_MODULE + "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log")
							+ " notice;\nevents {}\nstream {\n    upstream other_service {\n"
							+ "        server 127.0.0.1:1;\n    }\n    include " + include + ";\n}\n");
		}
		else if (os == OperatingSystem.WINDOWS) {
			assertThat(content).doesNotContain("load_module").contains("pid logs/nginx.pid;");
			Files.writeString(config, STREAM_MODULE + content, StandardCharsets.UTF_8);
		}
		else {
			assertThat(content).contains("pid /run/nginx.pid;", "error_log /var/log/nginx/error.log notice;");
			Files.writeString(config,
					content.replace("pid /run/nginx.pid;", "pid " + dir.resolve("nginx.pid") + ";")
						.replace("error_log /var/log/nginx/error.log", "error_log " + dir.resolve("error.log")),
					StandardCharsets.UTF_8);
		}
		String output = run(NGINX.toString(), "-t", "-p", dir + "/", "-e", dir.resolve("startup.log").toString(), "-c",
				config.toString());
		assertThat(output).contains("test is successful").doesNotContain("[warn]", "[emerg]", "[alert]");
	}

	/** Asserts that HAProxy accepts the config, without warnings. */
	public static void assertHaproxyAccepts(String content, Path dir) throws IOException {
		Path config = Files.writeString(dir.resolve("haproxy.cfg"), content, StandardCharsets.UTF_8);
		String output = run(HAPROXY.toString(), "-c", "-f", config.toString());
		assertThat(output).contains("Configuration file is valid").doesNotContain("[WARNING]", "[ALERT]");
	}

	private static String run(String... command) throws IOException {
		assertThat(Path.of(command[0])).as("installed by lab/install").isExecutable();
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
		return output;
	}

}
