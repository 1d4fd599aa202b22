package dev.warren.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static dev.warren.support.Accounts.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Recognisable secrets (SSH passwords, a private key and its passphrase, management
 * passwords, a user's password) go in through every way in: API and forms, creates,
 * updates, refused submissions, a failed SSH login and a connection test. Then every page
 * and API answer the application maps, every log line and every text column of the
 * database (but the encrypted one) is searched for them: none may show up.
 */
@WarrenTest
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTests {

	private static final String CANARY = "CANARY" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private static final String SSH_PASSWORD = CANARY + "-ssh-password";

	private static final String SSH_PASSWORD_2 = CANARY + "-ssh-password-replaced";

	private static final String PASSPHRASE = CANARY + "-passphrase";

	private static final String MANAGEMENT_PASSWORD = CANARY + "-management";

	private static final String USER_PASSWORD = CANARY + "-user-password";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void noSecretShowsUpInAnyPageAnswerLogLineOrPlainColumn(CapturedOutput output, @TempDir Path keys)
			throws Exception {
		String privateKey = privateKey(keys);
		// A line from the middle of the key's body: what a leak of the key would contain.
		String keyLine = privateKey.lines().filter((line) -> line.length() > 40).skip(1).findFirst().orElseThrow();
		List<String> secrets = List.of(SSH_PASSWORD, SSH_PASSWORD_2, PASSPHRASE, MANAGEMENT_PASSWORD, USER_PASSWORD,
				keyLine);

		SshServer sshd = SshServer.setUpDefaultServer();
		sshd.setHost("127.0.0.1");
		sshd.setPort(0);
		sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
		// Refuses every login: the console must report it without the password.
		sshd.setPasswordAuthenticator((user, password, session) -> false);
		sshd.setCommandFactory((channel, command) -> new Exiting());
		sshd.start();
		Map<String, Long> ids = new LinkedHashMap<>();
		try {
			Api api = new Api(this.mvc);
			Map<String, Object> server = Json.server(Api.unique("leak"));
			server.put("host", "127.0.0.1");
			server.put("sshPort", sshd.getPort());
			server.put("auth", Json.map("type", "PASSWORD", "password", SSH_PASSWORD));
			server.put("managementUser", "monitor");
			server.put("managementPassword", MANAGEMENT_PASSWORD);
			long serverId = Json.id(Api.body(api.post("/api/v1/servers", server), 201));
			ids.put("servers", serverId);

			Map<String, Object> keyed = Json.server(Api.unique("leak-key"));
			keyed.put("host", "127.0.0.1");
			keyed.put("auth", Json.map("type", "PRIVATE_KEY", "privateKey", privateKey, "passphrase", PASSPHRASE));
			long keyedId = Json.id(Api.body(api.post("/api/v1/servers", keyed), 201));

			// Update with a new password; a refused update carrying secrets.
			server.put("auth", Json.map("type", "PASSWORD", "password", SSH_PASSWORD_2));
			assertThat(api.put("/api/v1/servers/" + serverId, server)).hasStatusOk();
			Map<String, Object> refused = new LinkedHashMap<>(server);
			refused.put("sshPort", 70000);
			refused.put("managementPassword", MANAGEMENT_PASSWORD);
			assertThat(api.put("/api/v1/servers/" + serverId, refused)).hasStatus(400);

			// Forms: a refused submission re-renders the form; an accepted one redirects.
			MockHttpSession session = Accounts.login(this.mvc, Accounts.ADMIN);
			MvcTestResult refusedForm = this.mvc.post()
				.uri("/servers")
				.session(session)
				.with(csrf())
				.param("name", Api.unique("leak-form"))
				.param("host", "127.0.0.1")
				.param("sshPort", "99999")
				.param("sshUser", "root")
				.param("authType", "PRIVATE_KEY")
				.param("privateKey", privateKey)
				.param("passphrase", PASSPHRASE)
				.param("os", "LINUX")
				.param("managementUser", "monitor")
				.param("managementPassword", MANAGEMENT_PASSWORD)
				.exchange();
			assertThat(refusedForm).hasStatusOk();
			assertNoSecret("the refused server form", body(refusedForm), secrets);
			MvcTestResult userForm = this.mvc.post()
				.uri("/users")
				.session(session)
				.with(csrf())
				.param("username", "x")
				.param("password", USER_PASSWORD)
				.param("role", "VIEWER")
				.exchange();
			assertNoSecret("the refused user form", body(userForm), secrets);
			assertThat(this.mvc.post()
				.uri("/users")
				.session(session)
				.with(csrf())
				.param("username", "leaky" + UUID.randomUUID().toString().substring(0, 8))
				.param("password", USER_PASSWORD)
				.param("role", "VIEWER")
				.exchange()).hasStatus(302);

			// SSH: trust the key, then a connection test whose login is refused.
			String fingerprint = json(
					this.mvc.get().uri("/api/v1/servers/{id}/host-key", serverId).with(asAdmin()).exchange())
				.replaceAll("(?s).*\"presented\":\\{[^}]*\"fingerprint\":\"([^\"]+)\".*", "$1");
			assertThat(api.post("/api/v1/servers/" + serverId + "/host-key/trust", Map.of("fingerprint", fingerprint)))
				.hasStatusOk();
			MvcTestResult test = api.post("/api/v1/servers/" + serverId + "/connection-test", Map.of());
			assertThat(test.getResponse().getStatus()).isLessThan(500);
			assertNoSecret("the connection test", body(test), secrets);

			long other = api.server("LINUX");
			long cluster = api.cluster(serverId, serverId, other);
			ids.put("clusters", cluster);
			long balancer = Json.id(Api.body(api.post("/api/v1/balancers", Json.map("name", Api.unique("lb"), "kind",
					"NGINX", "clusterId", cluster, "hostServerId", keyedId, "listenPort", 5672)), 201));
			ids.put("balancers", balancer);

			// Every page and API answer (GET), as admin and by page session.
			List<String> paths = getRoutes(ids);
			assertThat(paths).hasSizeGreaterThan(30);
			for (String path : paths) {
				MvcTestResult api1 = this.mvc.get().uri(path).with(asAdmin()).exchange();
				assertNoSecret("GET " + path + " (API login)", body(api1), secrets);
				MvcTestResult page = this.mvc.get().uri(path).session(session).exchange();
				assertNoSecret("GET " + path + " (page session)", body(page), secrets);
			}
		}
		finally {
			sshd.stop(true);
		}

		// Every text column but the ciphertexts.
		List<Map<String, Object>> columns = this.jdbc.queryForList(
				"select table_name, column_name from information_schema.columns where table_schema = 'PUBLIC' "
						+ "and data_type in ('CHARACTER VARYING', 'CHARACTER LARGE OBJECT', 'CHARACTER')");
		assertThat(columns).hasSizeGreaterThan(20);
		int scanned = 0;
		for (Map<String, Object> column : columns) {
			String table = (String) column.get("TABLE_NAME");
			String name = (String) column.get("COLUMN_NAME");
			if (table.equalsIgnoreCase("secret") && name.equalsIgnoreCase("ciphertext")) {
				continue;
			}
			for (String value : this.jdbc.queryForList("select \"" + name + "\" from \"" + table + "\"",
					String.class)) {
				if (value != null) {
					assertNoSecret(table + "." + name, value, secrets);
					scanned++;
				}
			}
		}
		assertThat(scanned).isGreaterThan(50);
		assertThat(this.jdbc.queryForObject("select count(*) from secret", Long.class)).isGreaterThanOrEqualTo(4);

		assertNoSecret("the log", output.getAll(), secrets);
		assertThat(output.getAll()).as("the log shows the refused login happened").isNotEmpty();
	}

	private List<String> getRoutes(Map<String, Long> ids) {
		List<String> paths = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
				continue;
			}
			for (String pattern : info.getPatternValues()) {
				if (pattern.contains("/events") || pattern.contains("/stream") || pattern.contains("**")) {
					// Streams stay open; their contents come from the same views.
					continue;
				}
				String resource = pattern.replaceFirst("^/api/v1", "").replaceFirst("^/", "").split("/")[0];
				long id = ids.getOrDefault(resource, 1L);
				paths.add(pattern.replaceFirst("\\{[^}]+}", String.valueOf(id)).replaceAll("\\{[^}]+}", "1"));
			}
		}
		return paths;
	}

	private static void assertNoSecret(String where, String text, List<String> secrets) {
		for (String secret : secrets) {
			assertThat(text).as("%s must not contain a secret", where).doesNotContain(secret);
		}
		assertThat(text).as("%s must not contain the canary", where).doesNotContain(CANARY);
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String json(MvcTestResult result) {
		assertThat(result).hasStatusOk();
		return body(result);
	}

	/** A real OpenSSH private key, encrypted with the canary passphrase. */
	private static String privateKey(Path dir) throws IOException, InterruptedException {
		Path file = dir.resolve("id_ed25519");
		Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-C", "leak-test",
				"-f", file.toString())
			.redirectErrorStream(true)
			.start();
		keygen.getOutputStream().close();
		String out = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(keygen.exitValue()).as(out).isZero();
		return Files.readString(file);
	}

	/** Any command: exit 1 (no login succeeds anyway). */
	private static final class Exiting implements Command {

		private ExitCallback exit;

		@Override
		public void setInputStream(InputStream in) {
		}

		@Override
		public void setOutputStream(OutputStream out) {
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
			this.exit.onExit(1);
		}

		@Override
		public void destroy(ChannelSession channel) {
		}

	}

}
