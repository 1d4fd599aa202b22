package dev.warren.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.warren.secrets.KnownHosts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Against the lab's OpenSSH 9.2 on 127.0.0.1:2222: root by ed25519 key and by a PEM RSA
 * key with passphrase, {@code warren-lab} by password with {@code sudo -n}.
 */
@LabTest
@WarrenTest
class RemoteShellsLabTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private final Lab lab = Lab.find().orElseThrow();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells remoteShells;

	@Autowired
	KnownHosts knownHosts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void refusesAnUnknownHostKeyUntilItIsTrustedThroughTheApi() {
		long id = rootWithEd25519Key();
		this.knownHosts.forget(sshHost(), sshPort(), "lab-test");

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> this.remoteShells.open(id, "operator"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(RemoteException.Kind.HOST_KEY_UNKNOWN);
				assertThat(labFingerprints())
					.anySatisfy((fingerprint) -> assertThat(ex).hasMessageContaining(fingerprint));
			});

		JsonNode status = json(this.mvc.get().uri("/api/v1/servers/{id}/host-key", id).with(asViewer()).exchange(),
				200);
		assertThat(status.get("state").asString()).isEqualTo("UNKNOWN");
		assertThat(status.get("trusted").isNull()).isTrue();
		String presented = status.get("presented").get("fingerprint").asString();
		assertThat(labFingerprints()).contains(presented);
		assertThat(status.get("presented").get("type").asString()).isIn("ssh-ed25519", "ssh-rsa");

		assertThat(post("/api/v1/servers/{id}/host-key/trust", id, Map.of("fingerprint", presented), asViewer()))
			.hasStatus(403);
		JsonNode trusted = json(
				post("/api/v1/servers/{id}/host-key/trust", id, Map.of("fingerprint", presented), asOperator()), 200);
		assertThat(trusted.get("state").asString()).isEqualTo("TRUSTED");
		assertThat(trusted.get("trustedBy").asString()).isEqualTo("operator");
		assertThat(trusted.get("trusted").get("fingerprint").asString()).isEqualTo(presented);
		assertThat(this.jdbc.queryForList("select actor, summary from audit_record where action = 'TRUST_HOST_KEY'"))
			.anySatisfy((row) -> {
				assertThat(row.get("ACTOR")).isEqualTo("operator");
				assertThat((String) row.get("SUMMARY")).contains(presented, "[" + sshHost() + "]:" + sshPort());
			});

		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			assertThat(session.run(CommandLine.of("true"), TEN_SECONDS, OutputListener.NONE).exitCode()).isZero();
		}
	}

	@Test
	void asksForTheTrustedKeyTypeSoAnRsaHostKeyWorksToo() throws IOException {
		long id = rootWithEd25519Key();
		String[] rsa = Files.readString(Path.of(this.lab.get("lab.dir"), "ssh", "ssh_host_rsa_key.pub")).split(" ");
		try {
			this.knownHosts.trust(sshHost(), sshPort(), rsa[0], rsa[1], "lab-test", null);
			HostKeyStatus status = this.remoteShells.hostKeyStatus(id);
			assertThat(status.state()).isEqualTo(HostKeyStatus.State.TRUSTED);
			assertThat(status.presented().type()).isEqualTo("ssh-rsa");
			assertThat(status.presented().fingerprint()).isEqualTo(this.lab.get("ssh.hostKey.rsa.sha256"));
			// The server signs with rsa-sha2-512 or -256: OpenSSH 9.2 no longer offers
			// SHA-1 signatures, and Warren would not accept them.
			try (RemoteSession session = this.remoteShells.open(id, "operator")) {
				assertThat(session.run(CommandLine.of("true"), TEN_SECONDS, OutputListener.NONE).exitCode()).isZero();
			}
		}
		finally {
			this.knownHosts.forget(sshHost(), sshPort(), "lab-test");
		}
		HostKeyStatus fresh = this.remoteShells.hostKeyStatus(id);
		assertThat(fresh.state()).isEqualTo(HostKeyStatus.State.UNKNOWN);
		assertThat(fresh.presented().type()).as("ed25519 is asked for first").isEqualTo("ssh-ed25519");
		assertThat(fresh.presented().fingerprint()).isEqualTo(this.lab.get("ssh.hostKey.ed25519.sha256"));
	}

	@Test
	void runsRabbitmqctlAsRootWithTheEd25519Key() {
		long id = trusted(rootWithEd25519Key());
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			CommandResult result = session.run(CommandLine.of(this.lab.get("rabbitmqctl"), "-n",
					"rabbit@" + this.lab.get("host"), "cluster_status", "--formatter", "json"), Duration.ofSeconds(60),
					OutputListener.NONE);
			assertThat(result.exitCode()).as(result.output()).isZero();
			JsonNode status = JSON.readTree(result.stdout());
			assertThat(status.get("running_nodes").toString()).contains("rabbit@" + this.lab.get("host"));
			assertThat(result.command()).isEqualTo(this.lab.get("rabbitmqctl") + " -n rabbit@" + this.lab.get("host")
					+ " cluster_status --formatter json");
		}
	}

	@Test
	void logsInWithThePassphraseProtectedPemKey() throws IOException {
		Map<String, Object> body = server("root",
				Json.map("type", "PRIVATE_KEY", "privateKey",
						Files.readString(Path.of(this.lab.get("ssh.root.pemKeyFile"))), "passphrase",
						this.lab.get("ssh.root.pemKeyPassphrase")),
				false);
		long id = trusted(create(body));
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			CommandResult result = session.run(CommandLine.of("id", "-un"), TEN_SECONDS, OutputListener.NONE);
			assertThat(result.stdout()).isEqualTo("root");
		}
	}

	@Test
	void streamsLinesInOrderWhileTheCommandRuns() {
		long id = trusted(rootWithEd25519Key());
		List<String> lines = Collections.synchronizedList(new ArrayList<>());
		AtomicReference<Long> firstLineAt = new AtomicReference<>();
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			CommandResult result = session.run(
					CommandLine.of("sh", "-c", "echo one; echo oops >&2; sleep 1; echo two; exit 4"), TEN_SECONDS,
					(kind, line) -> {
						firstLineAt.compareAndSet(null, System.nanoTime());
						lines.add(kind + ":" + line);
					});
			long endedAt = System.nanoTime();
			assertThat(lines).containsExactlyInAnyOrder("STDOUT:one", "STDERR:oops", "STDOUT:two");
			assertThat(lines.stream().filter((line) -> line.startsWith("STDOUT")).toList())
				.containsExactly("STDOUT:one", "STDOUT:two");
			assertThat(Duration.ofNanos(endedAt - firstLineAt.get())).isGreaterThan(Duration.ofMillis(500));
			assertThat(result.exitCode()).isEqualTo(4);
			assertThat(result.stdout()).isEqualTo("one\ntwo");
			assertThat(result.stderr()).isEqualTo("oops");
		}
	}

	@Test
	void passesHostileArgumentsVerbatimOverSsh() {
		long id = trusted(rootWithEd25519Key());
		String pwned = "/tmp/warren-pwned-" + UUID.randomUUID();
		List<String> values = List.of("a'b; touch " + pwned, "$(touch " + pwned + ")", "`touch " + pwned + "`",
				"\"; touch " + pwned + "; \"", "$HOME", "*", "~", "#x", "", "  spaced  ", "é日本🐇", "＄(id)", "\\");
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			CommandResult result = session.run(CommandLine.of("printf", "<%s>\\n").with(values.toArray(String[]::new)),
					TEN_SECONDS, OutputListener.NONE);
			assertThat(result.exitCode()).isZero();
			assertThat(result.stdout().split("\n", -1))
				.containsExactlyElementsOf(values.stream().map((v) -> "<" + v + ">").toList());
			assertThat(session.run(CommandLine.of("test", "-e", pwned), TEN_SECONDS, OutputListener.NONE).exitCode())
				.isEqualTo(1);
		}
		assertThat(Path.of(pwned)).doesNotExist();
	}

	@Test
	void abandonsACommandThatOutlivesItsTimeoutAndKeepsTheSession() {
		long id = trusted(rootWithEd25519Key());
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			long start = System.nanoTime();
			// Short: OpenSSH 9.2 ignores the KILL signal for root logins, so an abandoned
			// command runs on to its end on the server.
			assertThatExceptionOfType(RemoteException.class)
				.isThrownBy(() -> session.run(CommandLine.of("sleep", "4"), Duration.ofSeconds(1), OutputListener.NONE))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.TIMEOUT))
				.withMessageContaining("sleep 4");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(session.run(CommandLine.of("true"), TEN_SECONDS, OutputListener.NONE).exitCode()).isZero();
		}
		assertThat(this.jdbc.queryForList(
				"select summary from audit_record where action = 'COMMAND' and target_id = ? order by id",
				String.valueOf(id)))
			.first()
			.satisfies((row) -> assertThat((String) row.get("SUMMARY")).startsWith("Timed out after"));
	}

	@Test
	void cancelsWhenTheCallingThreadIsInterrupted() throws Exception {
		long id = trusted(rootWithEd25519Key());
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					session.run(CommandLine.of("sleep", "4"), TEN_SECONDS, OutputListener.NONE);
				}
				catch (Throwable ex) {
					thrown.set(ex);
				}
			});
			caller.start();
			Thread.sleep(700);
			caller.interrupt();
			caller.join(5_000);
			assertThat(caller.isAlive()).isFalse();
			assertThat(thrown.get()).isInstanceOfSatisfying(RemoteException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.CANCELLED));
		}
	}

	@Test
	void reportsNonZeroExitCodesAsResults() {
		long id = trusted(rootWithEd25519Key());
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			assertThat(session.run(CommandLine.of("sh", "-c", "exit 3"), TEN_SECONDS, OutputListener.NONE).exitCode())
				.isEqualTo(3);
			CommandResult missing = session.run(CommandLine.of("/nonexistent/program"), TEN_SECONDS,
					OutputListener.NONE);
			assertThat(missing.exitCode()).isEqualTo(127);
			assertThat(missing.stderr()).contains("/nonexistent/program");
		}
	}

	@Test
	void aNonRootUserNeedsSudoForRabbitmqctl() {
		CommandLine clusterStatus = CommandLine.of(this.lab.get("rabbitmqctl"), "-n", "rabbit@" + this.lab.get("host"),
				"cluster_status", "--formatter", "json");
		long plain = trusted(create(server(this.lab.get("ssh.password.user"), passwordAuth(), false)));
		try (RemoteSession session = this.remoteShells.open(plain, "operator")) {
			CommandResult refused = session.run(clusterStatus, Duration.ofSeconds(60), OutputListener.NONE);
			assertThat(refused.exitCode()).isNotZero();
			assertThat(refused.output()).contains("Only root or rabbitmq");
		}
		long sudo = trusted(create(server(this.lab.get("ssh.password.user"), passwordAuth(), true)));
		try (RemoteSession session = this.remoteShells.open(sudo, "operator")) {
			CommandResult result = session.run(clusterStatus, Duration.ofSeconds(60), OutputListener.NONE);
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.command()).startsWith("sudo -n -- " + this.lab.get("rabbitmqctl") + " -n rabbit@");
			assertThat(JSON.readTree(result.stdout()).has("running_nodes")).isTrue();
		}
	}

	@Test
	void uploadsAndDownloadsBytesOverSftp() {
		long id = trusted(create(server(this.lab.get("ssh.password.user"), passwordAuth(), false)));
		String dir = "/tmp/warren-remote-test-" + UUID.randomUUID();
		byte[] content = new byte[200_000];
		new Random(42).nextBytes(content);
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			assertThat(session.run(CommandLine.of("mkdir", dir), TEN_SECONDS, OutputListener.NONE).exitCode()).isZero();
			try {
				session.upload(dir + "/blob", content);
				assertThat(session.download(dir + "/blob")).isEqualTo(content);
				session.upload(dir + "/blob", "replaced\n".getBytes());
				assertThat(session.download(dir + "/blob")).isEqualTo("replaced\n".getBytes());
				assertThat(session.run(CommandLine.of("cat", dir + "/blob"), TEN_SECONDS, OutputListener.NONE).stdout())
					.isEqualTo("replaced");
				assertThatExceptionOfType(RemoteException.class)
					.isThrownBy(() -> session.upload("/etc/warren-remote-test-" + UUID.randomUUID(), content))
					.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.TRANSFER_FAILED))
					.withMessageContaining("Permission denied");
				assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> session.download(dir + "/missing"))
					.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.TRANSFER_FAILED));
			}
			finally {
				session.run(CommandLine.of("rm", "-rf", "--", dir), TEN_SECONDS, OutputListener.NONE);
			}
			assertThat(session.run(CommandLine.of("test", "-e", dir), TEN_SECONDS, OutputListener.NONE).exitCode())
				.isEqualTo(1);
		}
	}

	@Test
	void refusesAWrongPassword() {
		long id = trusted(create(server(this.lab.get("ssh.password.user"),
				Json.map("type", "PASSWORD", "password", "not-the-" + UUID.randomUUID()), false)));
		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> this.remoteShells.open(id, "operator"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.AUTHENTICATION_FAILED))
			.withMessageNotContaining("not-the-");
	}

	@Test
	void reportsAClosedPortAsConnectFailed() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Map<String, Object> body = server("root", keyAuth(), false);
		body.put("sshPort", closedPort);
		long id = create(body);
		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> this.remoteShells.open(id, "operator"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(RemoteException.Kind.CONNECT_FAILED))
			.withMessageContaining("refused");
		MvcTestResult status = this.mvc.get().uri("/api/v1/servers/{id}/host-key", id).with(asViewer()).exchange();
		assertThat(status).hasStatus(502).bodyJson().extractingPath("$.kind").isEqualTo("CONNECT_FAILED");
	}

	@Test
	void recordsEveryCommandInTheAuditLogWithoutThePassword() {
		String password = this.lab.get("ssh.password.password");
		long id = trusted(create(server(this.lab.get("ssh.password.user"), passwordAuth(), true)));
		try (RemoteSession session = this.remoteShells.open(id, "operator")) {
			session.run(CommandLine.of("echo", "audited"), TEN_SECONDS, OutputListener.NONE);
			session.run(CommandLine.of("sh", "-c", "exit 2"), TEN_SECONDS, OutputListener.NONE);
			// Even passed by mistake as an argument, the SSH password is masked.
			session.run(CommandLine.of("printf", "%s", password), TEN_SECONDS, OutputListener.NONE);
		}
		List<Map<String, Object>> records = this.jdbc.queryForList(
				"select actor, summary, after_state from audit_record where action = 'COMMAND' and target_type = 'SERVER' and target_id = ? order by id",
				String.valueOf(id));
		assertThat(records).hasSize(3);
		assertThat(records).allSatisfy((row) -> assertThat(row.get("ACTOR")).isEqualTo("operator"));
		assertThat((String) records.get(0).get("SUMMARY")).startsWith("Exit 0 after")
			.endsWith("sudo -n -- echo audited");
		assertThat((String) records.get(1).get("SUMMARY")).startsWith("Exit 2 after").contains("sudo -n -- sh -c");
		assertThat((String) records.get(2).get("SUMMARY")).contains("[secret]");
		assertThat(JSON.readTree((String) records.get(1).get("AFTER_STATE")).get("exitCode").asInt()).isEqualTo(2);
		assertThat(this.jdbc.queryForList("select * from audit_record").toString()).doesNotContain(password);
	}

	private long rootWithEd25519Key() {
		return create(server("root", keyAuth(), false));
	}

	private Map<String, Object> keyAuth() {
		try {
			return Json.map("type", "PRIVATE_KEY", "privateKey",
					Files.readString(Path.of(this.lab.get("ssh.root.keyFile"))));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Map<String, Object> passwordAuth() {
		return Json.map("type", "PASSWORD", "password", this.lab.get("ssh.password.password"));
	}

	private Map<String, Object> server(String user, Map<String, Object> auth, boolean useSudo) {
		Map<String, Object> body = Json.server(Api.unique("lab"));
		body.put("host", sshHost());
		body.put("sshPort", sshPort());
		body.put("sshUser", user);
		body.put("auth", auth);
		body.put("nodeName", "rabbit@" + this.lab.get("host"));
		body.put("rabbitmqctlPath", this.lab.get("rabbitmqctl"));
		body.put("useSudo", useSudo);
		return body;
	}

	private long create(Map<String, Object> body) {
		return Json.id(Api.body(new Api(this.mvc).post("/api/v1/servers", body), 201));
	}

	/** Trusts the lab's key for the server's endpoint, after checking it is the lab's. */
	private long trusted(long id) {
		HostKeyStatus status = this.remoteShells.hostKeyStatus(id);
		assertThat(labFingerprints()).contains(status.presented().fingerprint());
		if (status.state() != HostKeyStatus.State.TRUSTED) {
			this.remoteShells.trust(id, status.presented().fingerprint(), "lab-test");
		}
		return id;
	}

	private Set<String> labFingerprints() {
		return Set.of(this.lab.get("ssh.hostKey.ed25519.sha256"), this.lab.get("ssh.hostKey.rsa.sha256"));
	}

	private String sshHost() {
		return this.lab.get("ssh.host");
	}

	private int sshPort() {
		return this.lab.port("ssh.port");
	}

	private MvcTestResult post(String uri, long id, Map<String, ?> body,
			org.springframework.test.web.servlet.request.RequestPostProcessor user) {
		return this.mvc.post()
			.uri(uri, id)
			.with(user)
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

	private static JsonNode json(MvcTestResult result, int status) {
		return JSON.readTree(Api.body(result, status));
	}

}
