package dev.warren.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults a real sshd cannot easily produce, from an embedded Apache MINA SSHD on a random
 * loopback port: a host key that changes, a connection that drops mid-command.
 */
@WarrenTest
class HostKeyChangeTests {

	private static final String USER = "tester";

	private static final String PASSWORD = "mina-password-for-tests";

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells remoteShells;

	@Autowired
	JdbcTemplate jdbc;

	/** Every command the embedded server was asked to run. */
	private final List<String> received = new CopyOnWriteArrayList<>();

	/** Every password login attempt it saw. */
	private final AtomicInteger logins = new AtomicInteger();

	private final CountDownLatch hanging = new CountDownLatch(1);

	private SshServer sshd;

	@AfterEach
	void stopServer() throws IOException {
		if (this.sshd != null) {
			this.sshd.stop(true);
		}
	}

	@Test
	void refusesAChangedHostKeyUntilTheNewOneIsTrusted() throws Exception {
		KeyPair keyA = start(0);
		int port = this.sshd.getPort();
		long id = server(port);
		String fingerprintA = KeyUtils.getFingerPrint(keyA.getPublic());

		MvcTestResult first = this.mvc.get().uri("/api/v1/servers/{id}/host-key", id).with(asViewer()).exchange();
		assertThat(first).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("UNKNOWN");
		assertThat(first).bodyJson().extractingPath("$.presented.fingerprint").isEqualTo(fingerprintA);
		assertThat(trust(id, fingerprintA)).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("TRUSTED");
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			assertThat(session.run(CommandLine.of("echo", "hello"), TEN_SECONDS, OutputListener.NONE).stdout())
				.isEqualTo("hello");
		}
		assertThat(this.received).containsExactly("echo hello");

		this.sshd.stop(true);
		KeyPair keyB = start(port);
		String fingerprintB = KeyUtils.getFingerPrint(keyB.getPublic());
		assertThat(fingerprintB).isNotEqualTo(fingerprintA);
		this.received.clear();
		this.logins.set(0);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> this.remoteShells.open(id, "operator"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.HOST_KEY_CHANGED))
			.withMessageContaining("HAS CHANGED")
			.withMessageContaining(fingerprintA)
			.withMessageContaining(fingerprintB);
		assertThat(this.received).as("no command reached the server").isEmpty();
		assertThat(this.logins).as("no password was sent to the server").hasValue(0);

		MvcTestResult changed = this.mvc.get().uri("/api/v1/servers/{id}/host-key", id).with(asViewer()).exchange();
		assertThat(changed).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("CHANGED");
		assertThat(changed).bodyJson().extractingPath("$.trusted.fingerprint").isEqualTo(fingerprintA);
		assertThat(changed).bodyJson().extractingPath("$.presented.fingerprint").isEqualTo(fingerprintB);
		assertThat(changed).bodyJson().extractingPath("$.trustedBy").isEqualTo("operator");

		for (String wrong : new String[] { fingerprintA, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }) {
			MvcTestResult refused = trust(id, wrong);
			assertThat(refused).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("fingerprint");
			assertThat(refused).bodyJson()
				.extractingPath("$.errors[0].message")
				.asString()
				.contains("does not match", "presents now");
		}
		assertThat(this.remoteShells.hostKeyStatus(id).state()).isEqualTo(HostKeyStatus.State.CHANGED);

		MvcTestResult replaced = trust(id, fingerprintB.substring("SHA256:".length()));
		assertThat(replaced).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("TRUSTED");
		assertThat(replaced).bodyJson().extractingPath("$.trusted.fingerprint").isEqualTo(fingerprintB);
		assertThat(this.jdbc.queryForList("select summary from audit_record where action = 'REPLACE_HOST_KEY'"))
			.anySatisfy((row) -> assertThat((String) row.get("SUMMARY")).contains(fingerprintA, fingerprintB));
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			assertThat(session.run(CommandLine.of("echo", "again"), TEN_SECONDS, OutputListener.NONE).exitCode())
				.isZero();
		}
		assertThat(this.received).containsExactly("echo again");
	}

	@Test
	void reportsAConnectionDroppedMidCommandAsLost() throws Exception {
		KeyPair key = start(0);
		long id = server(this.sshd.getPort());
		assertThat(trust(id, KeyUtils.getFingerPrint(key.getPublic()))).hasStatusOk();
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			Thread dropper = new Thread(() -> {
				try {
					if (this.hanging.await(10, TimeUnit.SECONDS)) {
						Thread.sleep(300);
						this.sshd.getActiveSessions().forEach((s) -> s.close(true));
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			dropper.start();
			long start = System.nanoTime();
			List<String> lines = new CopyOnWriteArrayList<>();
			assertThatExceptionOfType(RemoteException.class).isThrownBy(
					() -> session.run(CommandLine.of("hang"), Duration.ofSeconds(30), (kind, line) -> lines.add(line)))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.CONNECTION_LOST))
				.withMessageContaining("dropped");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			assertThat(lines).containsExactly("hanging");
			dropper.join();
			assertThatExceptionOfType(RemoteException.class)
				.isThrownBy(() -> session.run(CommandLine.of("echo", "x"), TEN_SECONDS, OutputListener.NONE))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.CONNECTION_LOST));
		}
		assertThat(this.jdbc.queryForList(
				"select summary from audit_record where action = 'COMMAND' and target_id = ? order by id",
				String.valueOf(id)))
			.first()
			.satisfies((row) -> assertThat((String) row.get("SUMMARY")).startsWith("Connection lost after"));
	}

	@Test
	void answersProblemsForUnknownServersAndMissingFingerprints() throws Exception {
		assertThat(this.mvc.get().uri("/api/v1/servers/987654/host-key").with(asViewer())).hasStatus(404);
		assertThat(trust(987654, "SHA256:x")).hasStatus(404);
		start(0);
		long id = server(this.sshd.getPort());
		MvcTestResult blank = this.mvc.post()
			.uri("/api/v1/servers/{id}/host-key/trust", id)
			.with(asOperator())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")
			.exchange();
		assertThat(blank).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("fingerprint");
		assertThat(this.remoteShells.hostKeyStatus(id).state()).isEqualTo(HostKeyStatus.State.UNKNOWN);
	}

	/** Starts the embedded server with a new host key; returns that key. */
	private KeyPair start(int port) throws IOException {
		SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider();
		this.sshd = SshServer.setUpDefaultServer();
		this.sshd.setHost("127.0.0.1");
		this.sshd.setPort(port);
		this.sshd.setKeyPairProvider(hostKeys);
		this.sshd.setPasswordAuthenticator((user, password, session) -> {
			this.logins.incrementAndGet();
			return USER.equals(user) && PASSWORD.equals(password);
		});
		this.sshd.setCommandFactory((channel, command) -> {
			this.received.add(command);
			return new ScriptedCommand(command);
		});
		this.sshd.start();
		return hostKeys.loadKeys(null).iterator().next();
	}

	private long server(int port) {
		Map<String, Object> body = Json.server(Api.unique("mina"));
		body.put("host", "127.0.0.1");
		body.put("sshPort", port);
		body.put("sshUser", USER);
		body.put("auth", Json.map("type", "PASSWORD", "password", PASSWORD));
		return Json.id(Api.body(new Api(this.mvc).post("/api/v1/servers", body), 201));
	}

	private MvcTestResult trust(long id, String fingerprint) {
		return this.mvc.post()
			.uri("/api/v1/servers/{id}/host-key/trust", id)
			.with(asOperator())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Map.of("fingerprint", fingerprint)))
			.exchange();
	}

	/**
	 * "echo …" prints its arguments; "hang" prints one line and waits until the
	 * connection goes away.
	 */
	private final class ScriptedCommand implements Command {

		private final String command;

		private OutputStream out;

		private ExitCallback exit;

		private volatile boolean destroyed;

		ScriptedCommand(String command) {
			this.command = command;
		}

		@Override
		public void setInputStream(InputStream in) {
		}

		@Override
		public void setOutputStream(OutputStream out) {
			this.out = out;
		}

		@Override
		public void setErrorStream(OutputStream err) {
		}

		@Override
		public void setExitCallback(ExitCallback callback) {
			this.exit = callback;
		}

		@Override
		public void start(ChannelSession channel, Environment env) {
			Thread thread = new Thread(() -> {
				try {
					if (this.command.startsWith("echo ")) {
						write(this.command.substring(5) + "\n");
						this.exit.onExit(0);
					}
					else if (this.command.equals("hang")) {
						write("hanging\n");
						HostKeyChangeTests.this.hanging.countDown();
						while (!this.destroyed) {
							Thread.sleep(50);
						}
					}
					else {
						this.exit.onExit(127, "unknown command");
					}
				}
				catch (IOException | InterruptedException ex) {
					// The connection went away.
				}
			});
			thread.setDaemon(true);
			thread.start();
		}

		private void write(String text) throws IOException {
			this.out.write(text.getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}

		@Override
		public void destroy(ChannelSession channel) {
			this.destroyed = true;
		}

	}

}
