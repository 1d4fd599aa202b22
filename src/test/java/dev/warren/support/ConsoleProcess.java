package dev.warren.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The console as an administrator runs it: a JVM of its own (the application's classes,
 * not the tests'), with its own port and data directory, so that a test can kill it with
 * SIGKILL and start it again on the same data.
 */
public final class ConsoleProcess implements AutoCloseable {

	public static final String ADMIN = "admin";

	public static final String PASSWORD = "console-process-admin-password";

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final long launchedAt;

	private volatile Duration startUp;

	private ConsoleProcess(Process process, int port, Path log, long launchedAt) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.launchedAt = launchedAt;
	}

	/**
	 * Starts a console on a free loopback port with {@code arguments} (Spring Boot
	 * {@code --key=value} options) and waits until it answers. Health monitoring is off
	 * unless {@code arguments} sets {@code warren.health.enabled}.
	 */
	public static ConsoleProcess start(Path dataDir, Map<String, String> arguments) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Files.createDirectories(dataDir);
		Path log = Files.createTempFile(dataDir, "console-", ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						applicationClasspath(), "dev.warren.WarrenApplication", "--server.port=" + port,
						"--server.address=127.0.0.1", "--warren.data-dir=" + dataDir,
						"--warren.admin.username=" + ADMIN, "--warren.admin.password=" + PASSWORD));
		if (!arguments.containsKey("warren.health.enabled")) {
			command.add("--warren.health.enabled=false");
		}
		arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
		long launchedAt = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ConsoleProcess console = new ConsoleProcess(process, port, log, launchedAt);
		console.awaitReady(Duration.ofSeconds(120));
		return console;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * From launching the JVM to the first successful HTTP answer (polled every 50 ms).
	 */
	public Duration startUp() {
		return this.startUp;
	}

	/** SIGKILL, as the kernel's OOM killer or a pulled plug would end it. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return this.http.send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
		return this.http.send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Basic " + basic)
			.timeout(Duration.ofSeconds(30));
	}

	private void awaitReady(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The console exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				if (get("/api/v1/servers").statusCode() == 200) {
					this.startUp = Duration.ofNanos(System.nanoTime() - this.launchedAt);
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(50);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("The console did not answer within " + timeout + ":\n" + log());
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	/**
	 * The test JVM's classpath without the test classes (their test configuration must
	 * not leak into the console). Surefire may pass it as a manifest-only jar.
	 */
	static String applicationClasspath() throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
				try (JarFile jar = new JarFile(entry)) {
					Manifest manifest = jar.getManifest();
					for (String url : manifest.getMainAttributes().getValue("Class-Path").split(" ")) {
						if (!url.isBlank()) {
							URI uri = url.startsWith("file:") ? new URI(url)
									: Path.of(entry).toAbsolutePath().getParent().toUri().resolve(url);
							entries.add(Path.of(uri).toString());
						}
					}
				}
				catch (URISyntaxException ex) {
					throw new IOException(ex);
				}
			}
			else {
				entries.add(entry);
			}
		}
		return String.join(java.io.File.pathSeparator,
				entries.stream().filter((entry) -> !entry.replace('\\', '/').endsWith("/test-classes")).toList());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
