package dev.warren.system;

import java.util.Map;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.audit.AuditView;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Accounts provisioned by script (issue 17): {@code /api/v1/users}, ADMIN only, the same
 * rules as the users page, audited.
 */
@WarrenTest
class UsersApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AuditLog auditLog;

	@Test
	void anAdminCreatesAUserWhoCanThenLogInAndChangesItsRoleAndDisablesIt() {
		Api api = new Api(this.mvc);
		String name = Api.unique("scripted");
		MvcTestResult created = api.post("/api/v1/users",
				Json.map("username", name, "password", "a-scripted-password", "role", "OPERATOR"));
		long id = Json.id(Api.body(created, 201));
		assertThat(created.getResponse().getHeader("Location")).endsWith("/api/v1/users/" + id);
		assertThat(created).bodyJson().extractingPath("$.role").asString().isEqualTo("OPERATOR");
		assertThat(created).bodyText().doesNotContain("a-scripted-password").doesNotContainIgnoringCase("hash");
		assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic(name, "a-scripted-password"))).hasStatusOk();

		assertThat(api.put("/api/v1/users/" + id, Json.map("role", "VIEWER"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.enabled")
			.isEqualTo(true);
		assertThat(this.mvc.post()
			.uri("/api/v1/servers")
			.with(httpBasic(name, "a-scripted-password"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.server(Api.unique("viewer-may-not"))))).as("now a VIEWER").hasStatus(403);

		assertThat(api.put("/api/v1/users/" + id, Json.map("enabled", false))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.role")
			.asString()
			.isEqualTo("VIEWER");
		assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic(name, "a-scripted-password")))
			.as("a disabled account cannot log in")
			.hasStatus(401);

		assertThat(this.auditLog.search(new AuditFilter(null, null, "USER", name), 0).getContent())
			.extracting(AuditView::action)
			.contains("CREATE", "UPDATE");
	}

	@Test
	void refusesBadInputNamingTheField() {
		Api api = new Api(this.mvc);
		assertThat(api.post("/api/v1/users",
				Json.map("username", Api.unique("short"), "password", "short", "role", "VIEWER")))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.asString()
			.isEqualTo("password");
		assertThat(api.post("/api/v1/users",
				Json.map("username", "has space", "password", "long-enough-password", "role", "VIEWER")))
			.hasStatus(400)
			.bodyText()
			.contains("username");
		assertThat(api.post("/api/v1/users",
				Json.map("username", Api.unique("norole"), "password", "long-enough-password", "role", "ROOT")))
			.hasStatus(400)
			.bodyText()
			.contains("role");
		assertThat(api.post("/api/v1/users",
				Json.map("username", Accounts.OPERATOR, "password", "long-enough-password", "role", "VIEWER")))
			.as("an existing name")
			.hasStatus(409);
		assertThat(api.put("/api/v1/users/987654", Map.of("role", "VIEWER"))).hasStatus(404);
	}

	@Test
	void onlyAnAdminMayReadOrChangeAccounts() {
		for (String user : new String[] { Accounts.OPERATOR, Accounts.VIEWER }) {
			assertThat(this.mvc.get().uri("/api/v1/users").with(httpBasic(user, Accounts.PASSWORD))).as(user)
				.hasStatus(403);
			assertThat(this.mvc.post()
				.uri("/api/v1/users")
				.with(httpBasic(user, Accounts.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content(Json
					.of(Json.map("username", Api.unique("x"), "password", "long-enough-password", "role", "ADMIN"))))
				.as(user)
				.hasStatus(403);
		}
		assertThat(this.mvc.get().uri("/api/v1/users").with(Accounts.asAdmin())).hasStatusOk()
			.bodyText()
			.contains(Accounts.ADMIN);
	}

}
