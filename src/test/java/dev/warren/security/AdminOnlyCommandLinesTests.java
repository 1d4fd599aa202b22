package dev.warren.security;

import java.util.Map;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.audit.AuditView;
import dev.warren.inventory.Servers;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Who may define what runs as root (issue 17, section 3): a server's rabbitmqctl path and
 * sudo setting, a balancer's validate and reload commands are changed by ADMINs only. An
 * OPERATOR changes everything else; the API answers 403 naming the field, the form shows
 * them read-only, the audit log shows an ADMIN's change with before and after.
 */
@WarrenTest
class AdminOnlyCommandLinesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Servers servers;

	@Autowired
	AuditLog auditLog;

	@Test
	void anOperatorCannotSetOrChangeAServersCommandLineOrSudoByApi() {
		Map<String, Object> body = Json.server(Api.unique("op-server"));
		body.put("rabbitmqctlPath", "/tmp/evil.sh");
		assertThat(asOperator(this.mvc.post(), "/api/v1/servers", body)).hasStatus(403)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("rabbitmqctlPath");
		body.remove("rabbitmqctlPath");
		body.put("useSudo", true);
		assertThat(asOperator(this.mvc.post(), "/api/v1/servers", body)).hasStatus(403)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("useSudo");
		assertThat(this.servers.list()).noneMatch((s) -> s.name().equals(body.get("name")));

		body.remove("useSudo");
		long id = Json.id(Api.body(asOperator(this.mvc.post(), "/api/v1/servers", body), 201));
		body.put("host", "rabbit-b.example.com");
		assertThat(asOperator(this.mvc.put(), "/api/v1/servers/" + id, body)).as("everything else is the operator's")
			.hasStatusOk();
		body.put("rabbitmqctlPath", "/opt/rabbitmq/sbin/rabbitmqctl");
		assertThat(asOperator(this.mvc.put(), "/api/v1/servers/" + id, body)).hasStatus(403)
			.bodyText()
			.contains("rabbitmqctlPath", "only an ADMIN");
		assertThat(this.servers.get(id).rabbitmqctlPath()).isEqualTo("/usr/sbin/rabbitmqctl");

		assertThat(new Api(this.mvc).put("/api/v1/servers/" + id, body)).as("an ADMIN may").hasStatusOk();
		AuditView change = this.auditLog.search(new AuditFilter(Accounts.ADMIN, "UPDATE", "SERVER", null), 0)
			.getContent()
			.get(0);
		assertThat(change.before()).contains("/usr/sbin/rabbitmqctl");
		assertThat(change.after()).contains("/opt/rabbitmq/sbin/rabbitmqctl");
	}

	@Test
	void anOperatorCannotChangeABalancersValidateOrReloadCommandByApi() {
		Api api = new Api(this.mvc);
		long host = api.server("LINUX");
		long cluster = api.cluster(host);
		Map<String, Object> body = Json.map("name", Api.unique("op-nginx"), "kind", "NGINX", "clusterId", cluster,
				"hostServerId", host, "listenPort", 5672, "reloadCommand", "sh -c reboot");
		assertThat(asOperator(this.mvc.post(), "/api/v1/balancers", body)).hasStatus(403)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("reloadCommand");
		body.remove("reloadCommand");
		long id = Json.id(Api.body(asOperator(this.mvc.post(), "/api/v1/balancers", body), 201));
		body.put("listenPort", 5673);
		assertThat(asOperator(this.mvc.put(), "/api/v1/balancers/" + id, body)).hasStatusOk();
		body.put("validateCommand", "nginx -t -c /tmp/other.conf");
		assertThat(asOperator(this.mvc.put(), "/api/v1/balancers/" + id, body)).hasStatus(403)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("validateCommand");
		assertThat(api.put("/api/v1/balancers/" + id, body)).as("an ADMIN may").hasStatusOk();
	}

	@Test
	void theServerFormShowsTheFieldsReadOnlyToAnOperatorAndRefusesAForcedChange() {
		long id = new Api(this.mvc).server("LINUX");
		MockHttpSession operator = Accounts.login(this.mvc, Accounts.OPERATOR);
		assertThat(this.mvc.get().uri("/servers/{id}/edit", id).session(operator)).hasStatusOk()
			.bodyText()
			.contains("Only an ADMIN can change this");
		assertThat(this.mvc.get().uri("/servers/{id}/edit", id).session(Accounts.login(this.mvc, Accounts.ADMIN)))
			.bodyText()
			.doesNotContain("Only an ADMIN can change this");

		MvcTestResult forced = this.mvc.post()
			.uri("/servers/{id}", id)
			.session(operator)
			.with(csrf())
			.param("name", this.servers.get(id).name())
			.param("host", "rabbit-a.example.com")
			.param("sshPort", "22")
			.param("sshUser", "root")
			.param("authType", "PASSWORD")
			.param("os", "LINUX")
			.param("nodeName", this.servers.get(id).nodeName())
			.param("amqpPort", "5672")
			.param("managementPort", "15672")
			.param("rabbitmqctlPath", "/tmp/evil.sh")
			.param("useSudo", "false")
			.exchange();
		assertThat(forced).hasStatusOk().bodyText().contains("only an ADMIN may change this");
		assertThat(this.servers.get(id).rabbitmqctlPath()).isEqualTo("/usr/sbin/rabbitmqctl");
	}

	private static MvcTestResult asOperator(MockMvcTester.MockMvcRequestBuilder request, String uri,
			Map<String, ?> body) {
		return request.uri(uri)
			.with(Accounts.asOperator())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

}
