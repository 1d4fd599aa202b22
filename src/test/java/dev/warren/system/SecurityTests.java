package dev.warren.system;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@WarrenTest
class SecurityTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Users users;

	@Autowired
	AuditLog auditLog;

	@Test
	void pagesNeedALoginButLoginAndAssetsDoNot() {
		assertThat(this.mvc.get().uri("/servers")).hasStatus(302).redirectedUrl().endsWith("/login");
		assertThat(this.mvc.get().uri("/")).hasStatus(302);
		assertThat(this.mvc.get().uri("/v3/api-docs").accept("text/html")).hasStatus(302)
			.redirectedUrl()
			.endsWith("/login");
		assertThat(this.mvc.get().uri("/actuator/health")).hasStatus(302);
		assertThat(this.mvc.get().uri("/login")).hasStatusOk();
		assertThat(this.mvc.get().uri("/assets/warren.css")).hasStatusOk();
		assertThat(this.mvc.get().uri("/webjars/bootstrap/dist/css/bootstrap.min.css")).hasStatusOk();
	}

	@Test
	void theApiDescriptionAnswersScriptsWithTheirApiCredentials() {
		assertThat(this.mvc.get().uri("/v3/api-docs").with(httpBasic(Accounts.VIEWER, Accounts.PASSWORD))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.paths")
			.isNotNull();
		assertThat(this.mvc.get().uri("/swagger-ui/index.html").with(httpBasic(Accounts.VIEWER, Accounts.PASSWORD)))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/v3/api-docs").accept("application/json")).hasStatus(401)
			.hasHeader("WWW-Authenticate", "Basic realm=\"Warren\"")
			.hasContentType("application/problem+json");
		assertThat(this.mvc.get().uri("/v3/api-docs").with(httpBasic(Accounts.VIEWER, "not-the-password")))
			.hasStatus(401);
		assertThat(this.mvc.get().uri("/v3/api-docs").session(login(Accounts.VIEWER, Accounts.PASSWORD)))
			.as("a browser session still reads it")
			.hasStatusOk();
	}

	@Test
	void refusesPageChangesWithoutACsrfToken() {
		MockHttpSession session = login(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
		assertThat(this.mvc.post().uri("/servers").session(session).param("name", "x")).hasStatus(403);
		assertThat(this.mvc.post().uri("/servers/1/delete").session(session)).hasStatus(403);
	}

	@Test
	void viewersSeeNoEditButtonsAndAreRefusedAForcedPost() {
		new Api(this.mvc).server("LINUX");
		MockHttpSession session = login(Accounts.VIEWER, Accounts.PASSWORD);
		assertThat(this.mvc.get().uri("/servers").session(session)).hasStatusOk()
			.bodyText()
			.contains("servers-table")
			.doesNotContain("data-testid=\"edit-server\"", "data-testid=\"add-server\"");
		assertThat(this.mvc.post().uri("/servers").session(session).with(csrf()).param("name", "forced"))
			.hasStatus(403);
		assertThat(this.mvc.get().uri("/users").session(session)).hasStatus(403);
	}

	@Test
	void onlyAdminsManageUsers() {
		MockHttpSession operator = login(Accounts.OPERATOR, Accounts.PASSWORD);
		assertThat(this.mvc.get().uri("/users").session(operator)).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/users")
			.session(operator)
			.with(csrf())
			.param("username", "sneaky")
			.param("password", "long-enough-password")
			.param("role", "ADMIN")).hasStatus(403);
		MockHttpSession admin = login(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
		assertThat(this.mvc.get().uri("/users").session(admin)).hasStatusOk().bodyText().contains("operator");
	}

	@Test
	void sendsSecurityHeadersWithAPolicyThatAllowsNoInlineScript() {
		MvcTestResult result = this.mvc.get().uri("/login").exchange();
		String policy = result.getResponse().getHeader("Content-Security-Policy");
		assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
			.doesNotContain("unsafe-eval")
			.doesNotContainPattern("script-src[^;]*unsafe-inline");
		assertThat(result).hasHeader("X-Frame-Options", "DENY").hasHeader("X-Content-Type-Options", "nosniff");
		assertThat(result).bodyText().doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
	}

	@Test
	void throttlesLoginsAfterRepeatedFailuresEvenWithTheRightPassword() {
		String name = Api.unique("victim");
		createUser(name, "the-right-password", Role.VIEWER);
		for (int i = 0; i < 5; i++) {
			assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic(name, "wrong-" + i))).hasStatus(401);
		}
		assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic(name, "the-right-password"))).hasStatus(401)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Too many failed logins");
		MvcTestResult page = this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("username", name)
			.param("password", "the-right-password")
			.exchange();
		assertThat(page).hasStatus(302).redirectedUrl().endsWith("/login?error");
		assertThat(this.auditLog.search(new AuditFilter(name, "LOGIN_FAILED", null, null), 0).getTotalElements())
			.isGreaterThanOrEqualTo(6);

		assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic(name, "the-right-password")).with((request) -> {
			request.setRemoteAddr("127.0.0.2");
			return request;
		})).as("the guesser's failures do not lock the user out of another address").hasStatusOk();
	}

	@Test
	void changesTheSessionIdAtLoginAndAuditsIt() {
		MockHttpSession session = new MockHttpSession();
		String before = session.getId();
		MvcTestResult result = this.mvc.post()
			.uri("/login")
			.session(session)
			.with(csrf())
			.param("username", Accounts.OPERATOR)
			.param("password", Accounts.PASSWORD)
			.exchange();
		assertThat(result).hasStatus(302).redirectedUrl().isEqualTo("/");
		assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
		assertThat(this.auditLog.search(new AuditFilter(Accounts.OPERATOR, "LOGIN", null, null), 0).getTotalElements())
			.isPositive();
	}

	@Test
	void apiIsStatelessAndNeedsNoCsrf() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/servers").with(Accounts.asAdmin()).exchange();
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getHeader("Set-Cookie")).isNull();
	}

	private void createUser(String name, String password, Role role) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("test", null, java.util.List.of()));
		try {
			this.users.create(name, password, role);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private MockHttpSession login(String username, String password) {
		MvcTestResult result = this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("username", username)
			.param("password", password)
			.exchange();
		assertThat(result).hasStatus(302).redirectedUrl().isEqualTo("/");
		return (MockHttpSession) result.getRequest().getSession();
	}

}
