package dev.warren.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Hostile input through every inventory field, by API and by form: shell metacharacters,
 * quotes, newlines and control characters, Unicode look-alikes, very long and empty
 * values, numbers out of range and of the wrong type. Each is either refused with a
 * message naming the field (and nothing stored), or stored exactly as given; never a
 * server error. Whatever is accepted and reaches a command line is then sent by the
 * console to an SSH server that records the exact lines, and each recorded line is parsed
 * by a real {@code sh}: every value arrives as one intact argument, and the payloads that
 * would create marker files never ran.
 */
@WarrenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

	/** Escapes non-ASCII, so that a lone surrogate reaches the server as sent. */
	private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	private static final String SSH_USER = "tester";

	private static final String SSH_PASSWORD = "mina-password-for-hostile-tests";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	private Api api;

	/**
	 * The admin without a password check per request (thousands of requests; the
	 * authentication itself is proven elsewhere).
	 */
	private static RequestPostProcessor asAdmin() {
		return user(Accounts.ADMIN).roles("ADMIN");
	}

	/** Payloads that would create files here if a shell ever interpreted them. */
	private Path markers;

	private SshServer sshd;

	private final List<String> received = new CopyOnWriteArrayList<>();

	@BeforeAll
	void start() throws IOException {
		this.api = new Api(this.mvc);
		this.markers = Files.createTempDirectory("warren-hostile-markers");
		this.sshd = SshServer.setUpDefaultServer();
		this.sshd.setHost("127.0.0.1");
		this.sshd.setPort(0);
		this.sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
		this.sshd.setPasswordAuthenticator(
				(user, password, session) -> SSH_USER.equals(user) && SSH_PASSWORD.equals(password));
		this.sshd.setCommandFactory((channel, command) -> {
			this.received.add(command);
			return new Refusing();
		});
		this.sshd.start();
	}

	@AfterAll
	void stop() throws IOException {
		this.sshd.stop(true);
		try (Stream<Path> files = Files.walk(this.markers)) {
			files.sorted((a, b) -> b.compareTo(a)).forEach((file) -> file.toFile().delete());
		}
	}

	/** At least 50 hostile strings. */
	List<Object> hostileStrings() {
		String marker = this.markers.resolve("pwned").toString();
		List<Object> values = new ArrayList<>(Arrays.asList("", " ", "\t", "  padded  ", "a;touch " + marker,
				"a|touch " + marker, "a&&touch " + marker, "a||touch " + marker, "a&touch " + marker,
				"$(touch " + marker + ")", "`touch " + marker + "`", "${IFS}", "a$IFS" + "b", "'", "\"", "a'b", "a\"b",
				"a\\b", "a\\", "a\nb", "a\rb", "a\u0000b", "a\u0007b", "a\u001bb", "-rf", "--help",
				"-oProxyCommand=touch " + marker, "a b", "~root", "*", "?", "[a]", "{a,b}", "a>" + marker,
				"a<" + marker, "!!", "#comment", "%PATH%", "!VAR!", "^&", "a,b", "a=b", "<script>alert(1)</script>",
				"' OR '1'='1", "'); DROP TABLE server; --", "../../etc/passwd", "/etc/passwd\u0000.conf", "%00",
				"\u202Eexe.gnp", "ｒａｂｂｉｔ", "r\u0430bbit", "rabbit\uFF1Bid", "\u00A0", "\uFEFFrabbit", "\u2028", "é",
				"\uD83D\uDE00", "\uD800", "x".repeat(300), "y".repeat(10_000), "0", "-1", "65536", "null", "true", "[]",
				"{}", "rabbit@host;touch " + marker, "rabbit@$(touch " + marker + ")",
				"/usr/sbin/rabbitmqctl;touch " + marker, "/usr/sbin/rabbitmqctl $(touch " + marker + ")",
				"C:\\Program Files\\RabbitMQ\\rabbitmqctl.bat", "rabbit@host name", "rabbit@-oops", "Rabbit_1@Server-A",
				"@host", "rabbit@", "rabbit@@host"));
		values.add(null);
		return values;
	}

	/** Numbers out of range and of the wrong type, for port and count fields. */
	List<Object> hostileNumbers() {
		List<Object> values = new ArrayList<>(List.of(-1, 0, 65536, 70000, Integer.MAX_VALUE, Long.MAX_VALUE,
				new BigInteger("123456789012345678901234567890"), 1.5, -0.0, "22", " 22 ", "abc", "", "1e3", "0x16",
				"22;touch x", "NaN", "Infinity", true, List.of(22), Map.of("port", 22)));
		values.add(null);
		return values;
	}

	@Test
	void serverApiRefusesHostileValuesByFieldNameOrStoresThemExactly() {
		List<String> text = List.of("name", "host", "sshUser", "nodeName", "managementUser", "rabbitmqctlPath", "os");
		List<String> secret = List.of("auth.password", "auth.passphrase", "auth.type", "managementPassword");
		List<String> numbers = List.of("sshPort", "amqpPort", "managementPort");
		int requests = 0;
		for (String field : concat(text, secret, numbers)) {
			List<Object> values = numbers.contains(field) ? concat(hostileNumbers(), hostileStrings())
					: hostileStrings();
			for (Object value : values) {
				Map<String, Object> body = Json.server(Api.unique("hostile"));
				body.put("host", "127.0.0.1");
				if (field.equals("managementPassword")) {
					body.put("managementUser", "monitor");
				}
				put(body, field, value);
				Outcome outcome = create("/api/v1/servers", "server", body, field);
				if (outcome.created() != null && text.contains(field)) {
					JsonNode stored = get("/api/v1/servers/" + outcome.created());
					assertStoredExactly(field, value, stored);
				}
				requests++;
			}
		}
		assertThat(requests).isGreaterThan(50 * 10);
	}

	@Test
	void serverUpdatesThatAreRefusedLeaveTheStoredServerAsItWas() {
		Map<String, Object> original = Json.server(Api.unique("update"));
		original.put("host", "127.0.0.1");
		long id = Json.id(bodyOf(post("/api/v1/servers", original)));
		String before = Api.body(this.mvc.get().uri("/api/v1/servers/{id}", id).with(asAdmin()).exchange(), 200);
		for (String field : List.of("name", "host", "nodeName", "rabbitmqctlPath", "sshPort", "amqpPort")) {
			for (Object value : concat(hostileStrings(), hostileNumbers())) {
				Map<String, Object> body = new LinkedHashMap<>(original);
				put(body, field, value);
				MvcTestResult result = put("/api/v1/servers/" + id, body);
				int status = result.getResponse().getStatus();
				assertThat(status).as("PUT %s=%s", field, printable(value)).isLessThan(500);
				if (status == 200) {
					// Valid after all: put the original back for the next value.
					assertThat(put("/api/v1/servers/" + id, original).getResponse().getStatus()).isEqualTo(200);
				}
				else {
					assertNamesField(result, field, value);
				}
				String after = Api.body(this.mvc.get().uri("/api/v1/servers/{id}", id).with(asAdmin()).exchange(), 200);
				assertThat(withoutVersion(after)).as("after PUT %s=%s", field, printable(value))
					.isEqualTo(withoutVersion(before));
			}
		}
	}

	@Test
	void clusterAndBalancerApisRefuseHostileValuesByFieldName() {
		long primary = this.api.server("LINUX");
		long member = this.api.server("LINUX");
		long host = this.api.server("LINUX");
		for (String field : List.of("name", "primaryServerId", "memberServerIds")) {
			for (Object value : concat(hostileStrings(), hostileNumbers())) {
				Map<String, Object> body = Json.map("name", Api.unique("cluster"), "primaryServerId", primary,
						"memberServerIds", List.of(primary, member));
				body.put(field, value);
				Outcome outcome = create("/api/v1/clusters", "cluster", body, field);
				if (outcome.created() != null) {
					this.mvc.delete().uri("/api/v1/clusters/{id}", outcome.created()).with(asAdmin()).exchange();
				}
			}
		}
		long cluster = this.api.cluster(primary, primary, member);
		List<String> text = List.of("name", "kind", "listenAddress", "configPath", "validateCommand", "reloadCommand",
				"balancingMethod", "nginxLayout");
		List<String> numbers = List.of("clusterId", "hostServerId", "listenPort", "connectTimeoutSeconds",
				"idleTimeoutSeconds", "maxFails", "failTimeoutSeconds", "checkIntervalMillis", "checkFall", "checkRise",
				"managementListenPort");
		for (String field : concat(text, numbers)) {
			List<Object> values = numbers.contains(field) ? concat(hostileNumbers(), hostileStrings())
					: hostileStrings();
			for (Object value : values) {
				Map<String, Object> body = Json.map("name", Api.unique("lb"), "kind", "NGINX", "clusterId", cluster,
						"hostServerId", host, "listenPort", 5672);
				body.put(field, value);
				Outcome outcome = create("/api/v1/balancers", "balancer", body, field);
				if (outcome.created() != null && text.contains(field)) {
					JsonNode stored = get("/api/v1/balancers/" + outcome.created());
					assertStoredExactly(field, value, stored);
					if (value != null && (field.equals("validateCommand") || field.equals("reloadCommand"))) {
						// A stored command is rendered into the downloaded file's
						// comments
						// only; pushing it is proven with the recording SSH server below.
						assertThat(this.mvc.get()
							.uri("/api/v1/balancers/{id}/config", outcome.created())
							.with(asAdmin())
							.exchange()
							.getResponse()
							.getStatus()).isEqualTo(200);
					}
					this.mvc.delete().uri("/api/v1/balancers/{id}", outcome.created()).with(asAdmin()).exchange();
				}
			}
		}
	}

	@Test
	void formsRefuseHostileValuesNextToTheFieldOrStoreThem() {
		MockHttpSession session = Accounts.login(this.mvc, Accounts.ADMIN);
		List<String> fields = List.of("name", "host", "sshPort", "sshUser", "nodeName", "amqpPort", "managementPort",
				"managementUser", "rabbitmqctlPath", "password");
		int pages = 0;
		List<String> numbers = List.of("sshPort", "amqpPort", "managementPort");
		for (String field : fields) {
			for (Object value : numbers.contains(field) ? hostileNumbers() : hostileStrings()) {
				if (value == null || value instanceof Map || value instanceof List) {
					continue;
				}
				Map<String, String> form = new LinkedHashMap<>(Map.of("name", Api.unique("form"), "host", "127.0.0.1",
						"sshPort", "22", "sshUser", "root", "authType", "PASSWORD", "password", "form-secret", "os",
						"LINUX", "nodeName", "rabbit@form", "amqpPort", "5672", "managementPort", "15672"));
				form.put(field, String.valueOf(value));
				long before = count("server");
				var request = this.mvc.post().uri("/servers").session(session).with(csrf());
				form.forEach(request::param);
				MvcTestResult result = request.exchange();
				int status = result.getResponse().getStatus();
				assertThat(status).as("form %s=%s", field, printable(value)).isLessThan(500);
				if (status == 302) {
					assertThat(count("server")).isEqualTo(before + 1);
				}
				else {
					assertThat(status).isEqualTo(200);
					assertThat(count("server")).as("form %s=%s stored nothing", field, printable(value))
						.isEqualTo(before);
					String page = bodyOf(result);
					assertThat(page).as("form %s=%s names the field", field, printable(value))
						.containsAnyOf("id=\"" + field + "-error\"", "data-testid=\"form-errors\"");
				}
				pages++;
			}
		}
		assertThat(pages).isGreaterThan(50 * (fields.size() - numbers.size()) + 15 * numbers.size());
	}

	@Test
	void acceptedValuesReachTheRemoteShellAsSingleQuotedArguments() throws Exception {
		List<String> sent = new ArrayList<>();
		for (Object value : hostileStrings()) {
			for (String field : List.of("nodeName", "rabbitmqctlPath")) {
				Map<String, Object> body = Json.server(Api.unique("mina"));
				body.put("host", "127.0.0.1");
				body.put("sshPort", this.sshd.getPort());
				body.put("sshUser", SSH_USER);
				body.put("auth", Json.map("type", "PASSWORD", "password", SSH_PASSWORD));
				body.put("useSudo", true);
				body.put(field, value);
				MvcTestResult created = post("/api/v1/servers", body);
				if (created.getResponse().getStatus() != 201 || value == null || value.toString().isBlank()) {
					continue;
				}
				long id = Json.id(bodyOf(created));
				String fingerprint = get("/api/v1/servers/" + id + "/host-key").get("presented")
					.get("fingerprint")
					.asString();
				assertThat(post("/api/v1/servers/" + id + "/host-key/trust", Map.of("fingerprint", fingerprint))
					.getResponse()
					.getStatus()).isEqualTo(200);
				this.received.clear();
				MvcTestResult test = post("/api/v1/servers/" + id + "/connection-test", Map.of());
				assertThat(test.getResponse().getStatus()).as(bodyOf(test)).isLessThan(500);
				assertThat(this.received).as("commands sent for %s=%s", field, printable(value)).isNotEmpty();
				boolean arrived = false;
				for (String line : this.received) {
					List<String> arguments = parseBySh(line);
					arrived |= arguments.contains(value.toString().strip());
				}
				assertThat(arrived)
					.as("%s=%s arrived as one intact argument in %s", field, printable(value), this.received)
					.isTrue();
				sent.add(field + "=" + value);
			}
		}
		assertThat(sent).as("tricky values that are valid were sent")
			.contains("rabbitmqctlPath=a b", "rabbitmqctlPath=a\\b", "nodeName=Rabbit_1@Server-A");
		try (Stream<Path> left = Files.list(this.markers)) {
			assertThat(left).as("no payload ran").isEmpty();
		}
	}

	/** The arguments a POSIX shell makes of {@code line}, run in an empty directory. */
	private List<String> parseBySh(String line) throws IOException, InterruptedException {
		Path cwd = Files.createTempDirectory(this.markers.getParent(), "warren-hostile-cwd");
		try {
			Process sh = new ProcessBuilder("/bin/sh", "-c", "set -- " + line + "\nprintf '%s\\0' \"$@\"")
				.directory(cwd.toFile())
				.redirectErrorStream(false)
				.start();
			sh.getOutputStream().close();
			byte[] out = sh.getInputStream().readAllBytes();
			assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(sh.exitValue()).as("sh parsed %s", line).isZero();
			try (Stream<Path> files = Files.list(cwd)) {
				assertThat(files).as("parsing %s created no file", line).isEmpty();
			}
			String all = new String(out, StandardCharsets.UTF_8);
			return all.isEmpty() ? List.of() : Arrays.asList(all.substring(0, all.length() - 1).split("\0", -1));
		}
		finally {
			Files.deleteIfExists(cwd);
		}
	}

	private MvcTestResult post(String uri, Map<String, ?> body) {
		return this.mvc.post()
			.uri(uri)
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(MAPPER.writeValueAsString(body))
			.exchange();
	}

	private MvcTestResult put(String uri, Map<String, ?> body) {
		return this.mvc.put()
			.uri(uri)
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(MAPPER.writeValueAsString(body))
			.exchange();
	}

	private Outcome create(String uri, String table, Map<String, Object> body, String field) {
		Object value = valueOf(body, field);
		long before = count(table);
		MvcTestResult result = this.mvc.post()
			.uri(uri)
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json(body))
			.exchange();
		int status = result.getResponse().getStatus();
		assertThat(status).as("POST %s %s=%s: %s", uri, field, printable(value), bodyOf(result)).isLessThan(500);
		if (status == 201) {
			assertThat(count(table)).isEqualTo(before + 1);
			return new Outcome(Json.id(bodyOf(result)));
		}
		assertThat(count(table)).as("POST %s %s=%s stored nothing", uri, field, printable(value)).isEqualTo(before);
		assertNamesField(result, field, value);
		return new Outcome(null);
	}

	private void assertNamesField(MvcTestResult result, String field, Object value) {
		assertThat(result.getResponse().getStatus()).as("%s=%s", field, printable(value)).isIn(400, 409, 422);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		JsonNode problem = MAPPER.readTree(bodyOf(result));
		List<String> named = new ArrayList<>();
		problem.path("errors").forEach((error) -> named.add(error.path("field").asString()));
		if (result.getResponse().getStatus() == 409) {
			// A valid value that conflicts with what is stored (an id that exists, whose
			// use clashes on another field): the answer names that field.
			assertThat(named).as("%s=%s conflict names a field: %s", field, printable(value), problem).isNotEmpty();
			return;
		}
		String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
		assertThat(named).as("%s=%s is refused naming the field: %s", field, printable(value), problem)
			.anySatisfy((name) -> assertThat(name).satisfiesAnyOf((n) -> assertThat(n).isEqualTo(field),
					(n) -> assertThat(n).startsWith(field + "["), (n) -> assertThat(n).isEqualTo(top)));
	}

	private static void assertStoredExactly(String field, Object value, JsonNode stored) {
		if (!(value instanceof String text) || field.contains(".")) {
			return;
		}
		JsonNode node = stored.get(field);
		String actual = (node == null || node.isNull()) ? null : node.asString();
		if (text.isBlank()) {
			// A blank optional field is stored as "not set" (or its default).
			return;
		}
		assertThat(actual).as("%s=%s stored exactly", field, printable(value)).isIn(text, text.strip());
	}

	private JsonNode get(String uri) {
		return MAPPER.readTree(Api.body(this.mvc.get().uri(uri).with(asAdmin()).exchange(), 200));
	}

	private long count(String table) {
		Long count = this.jdbc.queryForObject("select count(*) from " + table, Long.class);
		return (count != null) ? count : 0;
	}

	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> body, String field, Object value) {
		if (field.startsWith("auth.")) {
			Map<String, Object> auth = new LinkedHashMap<>((Map<String, Object>) body.get("auth"));
			auth.put(field.substring(5), value);
			body.put("auth", auth);
		}
		else {
			body.put(field, value);
		}
	}

	@SuppressWarnings("unchecked")
	private static Object valueOf(Map<String, Object> body, String field) {
		if (field.startsWith("auth.")) {
			return ((Map<String, Object>) body.get("auth")).get(field.substring(5));
		}
		return body.get(field);
	}

	private static String json(Map<String, Object> body) {
		return MAPPER.writeValueAsString(body);
	}

	private static String withoutVersion(String json) {
		JsonNode node = MAPPER.readTree(json);
		if (node instanceof tools.jackson.databind.node.ObjectNode object) {
			object.remove("version");
			object.remove("updatedAt");
		}
		return node.toString();
	}

	private static String bodyOf(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String printable(Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		StringBuilder out = new StringBuilder();
		text.codePoints()
			.limit(60)
			.forEach((c) -> out.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", c) : (char) c));
		return out + (text.length() > 60 ? "…(" + text.length() + " chars)" : "");
	}

	@SafeVarargs
	private static <T> List<T> concat(List<? extends T>... lists) {
		List<T> all = new ArrayList<>();
		for (List<? extends T> list : lists) {
			all.addAll(list);
		}
		return all;
	}

	private record Outcome(Long created) {

	}

	/** Answers every command with exit 1: only the command lines matter here. */
	private static final class Refusing implements Command {

		private ExitCallback exit;

		private OutputStream err;

		@Override
		public void setInputStream(InputStream in) {
		}

		@Override
		public void setOutputStream(OutputStream out) {
		}

		@Override
		public void setErrorStream(OutputStream err) {
			this.err = err;
		}

		@Override
		public void setExitCallback(ExitCallback callback) {
			this.exit = callback;
		}

		@Override
		public void start(ChannelSession channel, Environment env) throws IOException {
			this.err.write("recorded, not run\n".getBytes(StandardCharsets.UTF_8));
			this.err.flush();
			this.exit.onExit(1, "recorded");
		}

		@Override
		public void destroy(ChannelSession channel) {
		}

	}

}
