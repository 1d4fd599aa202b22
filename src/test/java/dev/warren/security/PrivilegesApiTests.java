package dev.warren.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What Warren needs on a host, for administrators who give its SSH user exactly that
 * (issue 17, section 2): {@code GET /api/v1/servers/{id}/privileges} and
 * {@code /api/v1/balancers/{id}/privileges}, with a drop-in that visudo accepts.
 */
@WarrenTest
class PrivilegesApiTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void aServerThatUsesSudoNeedsItsRabbitmqCliAndNothingElse() throws Exception {
		Map<String, Object> body = Json.server(Api.unique("sudo-server"));
		body.put("sshUser", "warren");
		body.put("useSudo", true);
		long id = Json.id(Api.body(new Api(this.mvc).post("/api/v1/servers", body), 201));

		MvcTestResult privileges = this.mvc.get()
			.uri("/api/v1/servers/{id}/privileges", id)
			.with(Accounts.asViewer())
			.exchange();
		assertThat(privileges).hasStatusOk()
			.bodyJson()
			.extractingPath("$.commands")
			.asArray()
			.containsExactly("/usr/sbin/rabbitmqctl", "/usr/sbin/rabbitmq-diagnostics");
		assertThat(privileges).bodyJson().extractingPath("$.writablePaths").asArray().isEmpty();
		String sudoers = Json.field(privileges.getResponse().getContentAsString(), "sudoers");
		assertThat(sudoers)
			.contains("warren ALL=(root) NOPASSWD: /usr/sbin/rabbitmqctl, /usr/sbin/rabbitmq-diagnostics");
		assertThat(visudo(sudoers)).isZero();

		assertThat(
				this.mvc.get().uri("/servers/{id}/privileges", id).session(Accounts.login(this.mvc, Accounts.VIEWER)))
			.hasStatusOk()
			.bodyText()
			.contains("sudo -n", "NOPASSWD: /usr/sbin/rabbitmqctl");
	}

	@Test
	void aBalancerNeedsItsFileWorkThroughSudoOrOnlyValidateAndReloadWhenItWritesAsTheSshUser() throws Exception {
		Api api = new Api(this.mvc);
		Map<String, Object> host = Json.server(Api.unique("nginx-host"));
		host.put("sshUser", "warren");
		host.put("useSudo", true);
		long hostId = Json.id(Api.body(api.post("/api/v1/servers", host), 201));
		long cluster = api.cluster(hostId);
		Map<String, Object> body = Json.map("name", Api.unique("priv-nginx"), "kind", "NGINX", "clusterId", cluster,
				"hostServerId", hostId, "listenPort", 5672);
		long id = Json.id(Api.body(api.post("/api/v1/balancers", body), 201));

		MvcTestResult bySudo = this.mvc.get()
			.uri("/api/v1/balancers/{id}/privileges", id)
			.with(Accounts.asViewer())
			.exchange();
		assertThat(bySudo).hasStatusOk()
			.bodyJson()
			.extractingPath("$.commands")
			.asArray()
			.contains("/usr/bin/mv", "/usr/bin/cp", "/usr/sbin/nginx");
		assertThat(bySudo).bodyJson().extractingPath("$.writablePaths").asArray().containsExactly("/tmp");
		assertThat(visudo(Json.field(bySudo.getResponse().getContentAsString(), "sudoers"))).isZero();

		body.put("fileAccess", "SSH_USER");
		assertThat(api.put("/api/v1/balancers/" + id, body)).hasStatusOk();
		MvcTestResult asUser = this.mvc.get()
			.uri("/api/v1/balancers/{id}/privileges", id)
			.with(Accounts.asViewer())
			.exchange();
		assertThat(asUser).bodyJson().extractingPath("$.commands").asArray().containsExactly("/usr/sbin/nginx");
		assertThat(asUser).bodyJson().extractingPath("$.writablePaths").asArray().containsExactly("/tmp", "/etc/nginx");
		assertThat(asUser).bodyJson()
			.extractingPath("$.readablePaths")
			.asArray()
			.contains("/etc/nginx/nginx.conf", "/run/nginx.pid", "/var/log/nginx/error.log");
		assertThat(this.mvc.get().uri("/balancers/{id}", id).session(Accounts.login(this.mvc, Accounts.VIEWER)))
			.hasStatusOk()
			.bodyText()
			.contains("Privileges Warren needs here", "warren ALL=(root) NOPASSWD: /usr/sbin/nginx");
	}

	private static int visudo(String dropIn) throws Exception {
		assumeTrue(Files.isExecutable(Path.of("/usr/sbin/visudo")), "visudo is installed (package sudo)");
		Path file = Files.createTempFile("warren-dropin-", ".sudoers");
		try {
			Files.writeString(file, dropIn);
			Process process = new ProcessBuilder("/usr/sbin/visudo", "-c", "-q", "-f", file.toString()).inheritIO()
				.start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return process.exitValue();
		}
		finally {
			Files.delete(file);
		}
	}

}
