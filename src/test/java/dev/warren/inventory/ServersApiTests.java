package dev.warren.inventory;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asAdmin;
import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

@WarrenTest
class ServersApiTests {

	private static final AtomicInteger counter = new AtomicInteger();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Test
	void createsServerWithLocationAndNeverReturnsItsSecrets() throws Exception {
		String name = unique("create");
		MvcTestResult result = post(Json.server(name));
		assertThat(result).hasStatus(201).hasHeader("Location", "http://localhost/api/v1/servers/" + idOf(result));
		assertThat(result).bodyJson().extractingPath("$.name").isEqualTo(name);
		assertThat(result).bodyJson().extractingPath("$.auth.type").isEqualTo("PASSWORD");
		assertThat(result).bodyJson().extractingPath("$.auth.passwordStored").isEqualTo(true);
		assertThat(result).bodyJson().extractingPath("$.rabbitmqctlPath").isEqualTo("/usr/sbin/rabbitmqctl");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("ssh-secret-");
		assertThat(this.mvc.get().uri("/api/v1/servers").with(asAdmin())).hasStatusOk()
			.bodyText()
			.contains(name)
			.doesNotContain("ssh-secret-");
	}

	@Test
	void storesSecretsOnlyEncrypted() {
		Map<String, Object> body = Json.server(unique("encrypted"));
		body.put("auth",
				Json.map("type", "PRIVATE_KEY", "privateKey", PRIVATE_KEY, "passphrase", "key-passphrase-xyz"));
		body.put("managementUser", "monitor");
		body.put("managementPassword", "management-secret-xyz");
		assertThat(post(body)).hasStatus(201).bodyJson().extractingPath("$.auth.passphraseStored").isEqualTo(true);
		String everything = this.jdbc.queryForList("select * from secret").toString()
				+ this.jdbc.queryForList("select * from server").toString()
				+ this.jdbc.queryForList("select * from audit_record").toString();
		assertThat(everything).doesNotContain("key-passphrase-xyz", "management-secret-xyz", "b3BlbnNzaC1rZXktdjE");
	}

	@Test
	void updateWithoutSecretsKeepsTheStoredOnes() {
		long id = idOf(post(Json.server(unique("keep"))));
		Map<String, Object> body = Json.server(unique("kept"));
		body.put("auth", Json.map("type", "PASSWORD"));
		body.put("sshPort", 2222);
		assertThat(put(id, body)).hasStatusOk().bodyJson().extractingPath("$.auth.passwordStored").isEqualTo(true);
		assertThat(this.mvc.get().uri("/api/v1/servers/{id}", id).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.sshPort")
			.isEqualTo(2222);
	}

	@Test
	void switchingToKeyAuthenticationRequiresAKey() {
		long id = idOf(post(Json.server(unique("switch"))));
		Map<String, Object> body = Json.server(unique("switched"));
		body.put("auth", Json.map("type", "PRIVATE_KEY"));
		assertThat(put(id, body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("auth.privateKey");
	}

	@Test
	void createWithoutPasswordNamesTheField() {
		Map<String, Object> body = Json.server(unique("nopass"));
		body.put("auth", Json.map("type", "PASSWORD"));
		assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("auth.password");
	}

	@Test
	void refusesTextThatIsNotAPrivateKey() {
		Map<String, Object> body = Json.server(unique("pubkey"));
		body.put("auth", Json.map("type", "PRIVATE_KEY", "privateKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 me@host"));
		assertThat(post(body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("auth.privateKey");
	}

	@ParameterizedTest
	@ValueSource(strings = { "host;reboot", "host && rm -rf /", "$(id)", "`id`", "host|nc", "a b", "host\nname",
			"-oProxyCommand=x", "host'", "host\"", "ho$t", "..", "a..b", "-host", "host-", "999.1.1.1", "1.2.3", "::g",
			"host>out", "*", "ｈｏｓｔ", "exa mple.com", "" })
	void rejectsHostsThatAreNotDnsNamesOrAddresses(String host) {
		Map<String, Object> body = Json.server(unique("host"));
		body.put("host", host);
		assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("host");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "rabbit@host;id", "rabbit@$(id)", "rab bit@host", "rabbit", "@host", "rabbit@", "rabbit@host@x",
					"rabbit@`id`", "rabbit@ho\nst", "rabbit;x@host", "rabbit@[::1]", "räbbit@host", "rabbit@-host" })
	void rejectsNodeNamesAShellWouldInterpret(String nodeName) {
		Map<String, Object> body = Json.server(unique("node"));
		body.put("nodeName", nodeName);
		assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("nodeName");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sshPort", "amqpPort", "managementPort" })
	void rejectsPortsOutsideTheValidRange(String field) {
		for (int port : new int[] { 0, -1, 65536, 100000 }) {
			Map<String, Object> body = Json.server(unique("port"));
			body.put(field, port);
			assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
		}
	}

	@Test
	void acceptsIpAddressesAndKeepsNodeNameCaseExactly() {
		Map<String, Object> body = Json.server(unique("ip"));
		body.put("host", "::1");
		body.put("nodeName", "rabbit@ServerA");
		MvcTestResult result = post(body);
		assertThat(result).hasStatus(201).bodyJson().extractingPath("$.nodeName").isEqualTo("rabbit@ServerA");
		assertThat(result).bodyJson().extractingPath("$.warnings").asArray().hasSize(1);
	}

	@Test
	void rejectsOversizedFields() {
		Map<String, Object> body = Json.server("x".repeat(65));
		assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
		body = Json.server(unique("big"));
		body.put("auth", Json.map("type", "PRIVATE_KEY", "privateKey", "k".repeat(16385)));
		assertThat(post(body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("auth.privateKey");
		body = Json.server(unique("big"));
		body.put("rabbitmqctlPath", "/" + "a".repeat(500));
		assertThat(post(body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("rabbitmqctlPath");
	}

	@Test
	void rejectsUnknownConstantsAndBrokenJson() {
		Map<String, Object> body = Json.server(unique("enum"));
		body.put("os", "MACOS");
		assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("os");
		assertThat(this.mvc.post()
			.uri("/api/v1/servers")
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": ")).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void acceptsWindowsPathsWithSpacesButNotShellCharacters() {
		Map<String, Object> body = Json.server(unique("win"));
		body.put("os", "WINDOWS");
		body.put("rabbitmqctlPath",
				"C:\\Program Files\\OutSystems\\Platform Server\\thirdparty\\RabbitMQ Server\\rabbitmq_server-3.8.21\\sbin\\rabbitmqctl.bat");
		assertThat(post(body)).hasStatus(201);
		for (String path : new String[] { "C:\\x & del *", "C:\\%PATH%\\x.bat", "/usr/sbin/rabbitmqctl; id",
				"\"C:\\x.bat\"", "-x" }) {
			body = Json.server(unique("win"));
			body.put("rabbitmqctlPath", path);
			assertThat(post(body)).hasStatus(400)
				.bodyJson()
				.extractingPath("$.errors[0].field")
				.isEqualTo("rabbitmqctlPath");
		}
	}

	@Test
	void refusesSudoOnWindows() {
		Map<String, Object> body = Json.server(unique("sudo"));
		body.put("os", "WINDOWS");
		body.put("useSudo", true);
		assertThat(post(body)).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("useSudo");
	}

	@Test
	void refusesDuplicateNamesWhateverTheCase() {
		String name = unique("Dup");
		assertThat(post(Json.server(name))).hasStatus(201);
		assertThat(post(Json.server(name.toUpperCase()))).hasStatus(409)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void unknownIdsAreNotFoundProblems() {
		assertThat(this.mvc.get().uri("/api/v1/servers/987654").with(asAdmin())).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(put(987654, Json.server(unique("ghost")))).hasStatus(404);
		assertThat(this.mvc.delete().uri("/api/v1/servers/987654").with(asAdmin())).hasStatus(404);
	}

	@Test
	void deletesAServerAndItsSecrets() {
		long id = idOf(post(Json.server(unique("delete"))));
		int secretsBefore = this.jdbc.queryForObject("select count(*) from secret", Integer.class);
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", id).with(asOperator())).hasStatus(204);
		assertThat(this.mvc.get().uri("/api/v1/servers/{id}", id).with(asAdmin())).hasStatus(404);
		assertThat(this.jdbc.queryForObject("select count(*) from secret", Integer.class)).isEqualTo(secretsBefore - 1);
	}

	@Test
	void refusesToDeleteAServerThatAClusterUses() {
		long id = idOf(post(Json.server(unique("member"))));
		assertThat(this.mvc.post()
			.uri("/api/v1/clusters")
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.map("name", unique("cluster"), "primaryServerId", id)))).hasStatus(201);
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", id).with(asAdmin())).hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("member of cluster");
	}

	@Test
	void viewersReadButCannotChangeAnything() {
		long id = idOf(post(Json.server(unique("ro"))));
		assertThat(this.mvc.get().uri("/api/v1/servers/{id}", id).with(asViewer())).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/api/v1/servers")
			.with(asViewer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.server(unique("ro"))))).hasStatus(403)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.put()
			.uri("/api/v1/servers/{id}", id)
			.with(asViewer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.server(unique("ro"))))).hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", id).with(asViewer())).hasStatus(403);
	}

	@Test
	void requiresAuthentication() {
		assertThat(this.mvc.get().uri("/api/v1/servers")).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("WWW-Authenticate", "Basic realm=\"Warren\"");
		assertThat(this.mvc.post()
			.uri("/api/v1/servers")
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.server(unique("anon"))))).hasStatus(401);
	}

	@Test
	void recordsEveryChangeInTheAuditLogWithoutSecrets() {
		String name = unique("audited");
		long id = idOf(post(Json.server(name)));
		Map<String, Object> body = Json.server(name);
		body.put("sshPort", 2200);
		assertThat(put(id, body)).hasStatusOk();
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", id).with(asAdmin())).hasStatus(204);
		var records = this.auditLog.search(new AuditFilter(null, null, "SERVER", name), 0).getContent();
		assertThat(records).extracting("action").containsExactly("DELETE", "UPDATE", "CREATE");
		assertThat(records).allSatisfy((record) -> assertThat(record.actor()).isEqualTo("admin"));
		assertThat(records.get(1).before()).contains("\"sshPort\":22");
		assertThat(records.get(1).after()).contains("\"sshPort\":2200");
		assertThat(records.toString()).doesNotContain("ssh-secret-");
	}

	private MvcTestResult post(Map<String, Object> body) {
		return this.mvc.post()
			.uri("/api/v1/servers")
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

	private MvcTestResult put(long id, Map<String, Object> body) {
		return this.mvc.put()
			.uri("/api/v1/servers/{id}", id)
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

	private static long idOf(MvcTestResult result) {
		try {
			return Json.id(result.getResponse().getContentAsString());
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String unique(String prefix) {
		return prefix + "-" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
	}

	static final String PRIVATE_KEY = """
			-----BEGIN OPENSSH PRIVATE KEY-----
			b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
			QyNTUxOQAAACDUmtest-only-not-a-real-key-material-xxxxxxxxxxxxxxxxxxxxxx
			-----END OPENSSH PRIVATE KEY-----
			""";

}
