package dev.warren.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's own path (issue 16), as a newcomer walks it: a fresh clone of this
 * repository, the README's run command as a process of its own (with the default embedded
 * database under {@code ./data}), first-run setup through the form with the token from
 * its output, log in, add a server, stop and start the console again, log in again and
 * find the server. The clone is of the last commit: uncommitted changes are not in it, as
 * they would not be in a newcomer's.
 */
class ReadmePathBrowserTests {

	private static final Pattern TOKEN = Pattern.compile("setup token to create the first admin:\\s+([0-9a-f]{32})");

	private static final Pattern RUN_COMMAND = Pattern.compile("(?m)^(\\./mvnw [^#\\n]*?)\\s+#");

	private static final String PASSWORD = "readme-admin-password";

	@TempDir
	Path home;

	@Test
	void aFreshCloneRunsWithTheReadmeCommandAndKeepsWhatWasStoredAcrossARestart() throws Exception {
		Path project = Path.of("").toAbsolutePath();
		assumeTrue(Files.isDirectory(project.resolve(".git")), "not a git checkout");
		Matcher run = RUN_COMMAND.matcher(Files.readString(project.resolve("README.md")));
		assertThat(run.find()).as("the README names a ./mvnw command to run the console").isTrue();
		List<String> command = List.of(run.group(1).strip().split("\\s+"));
		assertThat(command).as("the README's run command").containsExactly("./mvnw", "spring-boot:run");

		Path clone = this.home.resolve("warren");
		exec(project, "git", "clone", "--quiet", project.toString(), clone.toString());
		int port = freePort();

		try (Console console = Console.start(clone, command, port, this.home.resolve("first.log"));
				Browser browser = Browser.open(port)) {
			Matcher token = TOKEN.matcher(console.output());
			assertThat(token.find()).as("the setup token in the console's output").isTrue();
			ConsolePages pages = new ConsolePages(browser);
			browser.go("/");
			assertThat(browser.path()).isEqualTo("/setup");
			pages.completeSetup(token.group(1), "newcomer", PASSWORD);
			assertThat(browser.find(By.cssSelector("[data-testid=flash-success]")).getText())
				.contains("Admin 'newcomer' created");
			pages.logIn("newcomer", PASSWORD);
			assertThat(browser.find(By.cssSelector("[data-testid=getting-started]")).getText())
				.contains("Add your RabbitMQ servers");

			browser.go("/servers/new");
			// Loopback: the server page looks up the host key, and tests reach nothing
			// else.
			pages.fillServer("ServerA", "127.0.0.1", "warren", "ssh-password-for-readme", "rabbit@ServerA");
			pages.save();
			assertThat(browser.find(By.cssSelector("[data-testid=flash-success]")).getText())
				.contains("Server 'ServerA' added");
			browser.screenshot("readme-path-server");
		}
		assertThat(clone.resolve("data")).as("the embedded database under ./data of the clone").isDirectory();

		try (Console console = Console.start(clone, command, port, this.home.resolve("second.log"));
				Browser browser = Browser.open(port)) {
			assertThat(console.output()).as("no second setup once an admin exists")
				.doesNotContain("setup token to create the first admin");
			ConsolePages pages = new ConsolePages(browser);
			pages.logIn("newcomer", PASSWORD);
			browser.go("/servers");
			assertThat(browser.find(By.cssSelector("[data-testid=servers-table]")).getText()).contains("ServerA",
					"warren@127.0.0.1", "rabbit@ServerA");
			assertThat(console.output()).doesNotContain("Check constraint invalid", "ERROR");
		}
	}

	private static void exec(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
		assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * The README's command in the clone; stopped as an administrator stops it (SIGTERM to
	 * the console the Maven plugin forked, then to Maven), by the PIDs this test started.
	 */
	private record Console(Process maven, Path log) implements AutoCloseable {

		static Console start(Path clone, List<String> command, int port, Path log)
				throws IOException, InterruptedException {
			ProcessBuilder builder = new ProcessBuilder(command).directory(clone.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("SERVER_PORT", String.valueOf(port));
			builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
			builder.environment().remove("WARREN_ADMIN_USERNAME");
			builder.environment().remove("WARREN_ADMIN_PASSWORD");
			Console console = new Console(builder.start(), log);
			console.awaitAnswer(port, Duration.ofMinutes(6));
			return console;
		}

		String output() throws IOException {
			return Files.readString(this.log);
		}

		private void awaitAnswer(int port, Duration timeout) throws IOException, InterruptedException {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
				.timeout(Duration.ofSeconds(5))
				.build();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (!this.maven.isAlive()) {
					throw new AssertionError(
							"The README's command ended with " + this.maven.exitValue() + ":\n" + output());
				}
				try {
					// The login page, or the setup page it sends to while there is no
					// user.
					if (http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() < 500) {
						return;
					}
				}
				catch (IOException ex) {
					// Still building or starting.
				}
				Thread.sleep(500);
			}
			close();
			throw new AssertionError("The console did not answer within " + timeout + ":\n" + output());
		}

		@Override
		public void close() throws InterruptedException {
			List<ProcessHandle> started = new ArrayList<>(this.maven.descendants().toList());
			java.util.Collections.reverse(started);
			for (ProcessHandle child : started) {
				child.destroy();
			}
			for (ProcessHandle child : started) {
				try {
					child.onExit().get(30, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					child.destroyForcibly();
				}
			}
			this.maven.destroy();
			if (!this.maven.waitFor(30, TimeUnit.SECONDS)) {
				this.maven.destroyForcibly();
				this.maven.waitFor();
			}
		}

	}

}
