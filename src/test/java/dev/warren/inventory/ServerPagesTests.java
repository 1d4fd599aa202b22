package dev.warren.inventory;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WarrenTest
class ServerPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Servers servers;

	@Test
	void showsInlineErrorsAndNeverEchoesASecret() {
		MvcTestResult result = this.mvc.post()
			.uri("/servers")
			.session(login())
			.with(csrf())
			.param("name", Api.unique("page"))
			.param("host", "bad;host")
			.param("sshPort", "twenty-two")
			.param("sshUser", "root")
			.param("authType", "PASSWORD")
			.param("password", "page-secret-123")
			.param("os", "LINUX")
			.param("amqpPort", "5672")
			.param("managementPort", "15672")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("is-invalid", "must be a DNS name", "must be a whole number")
			.doesNotContain("page-secret-123");
	}

	@Test
	void createsAServerAndShowsItsPage() {
		String name = Api.unique("page");
		MvcTestResult result = this.mvc.post()
			.uri("/servers")
			.session(login())
			.with(csrf())
			.param("name", name)
			.param("host", "rabbit-b.example.com")
			.param("sshPort", "22")
			.param("sshUser", "root")
			.param("authType", "PASSWORD")
			.param("password", "page-secret-456")
			.param("os", "LINUX")
			.param("nodeName", "rabbit@rabbit-b")
			.param("amqpPort", "5672")
			.param("managementPort", "15672")
			.exchange();
		assertThat(result).hasStatus(302).redirectedUrl().startsWith("/servers/");
		long id = this.servers.list().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow().id();
		assertThat(this.mvc.get().uri("/servers/{id}", id).session(login())).hasStatusOk()
			.bodyText()
			.contains(name, "rabbit@rabbit-b", "stored")
			.doesNotContain("page-secret-456");
		assertThat(this.mvc.get().uri("/servers/{id}/edit", id).session(login())).hasStatusOk()
			.bodyText()
			.contains("A password is stored")
			.doesNotContain("page-secret-456");
	}

	@Test
	void unknownIdsShowTheNotFoundPage() {
		assertThat(this.mvc.get().uri("/servers/987654").session(login())).hasStatus(404)
			.bodyText()
			.contains("Server 987654 does not exist");
		assertThat(this.mvc.get().uri("/clusters/987654/edit").session(login())).hasStatus(404);
		assertThat(this.mvc.get().uri("/balancers/abc").session(login())).hasStatus(404);
		assertThat(this.mvc.post().uri("/servers/987654/delete").session(login()).with(csrf())).hasStatus(404);
	}

	@Test
	void refusingADeleteExplainsWhy() {
		Api api = new Api(this.mvc);
		long server = api.server("LINUX");
		api.cluster(server);
		MvcTestResult result = this.mvc.post()
			.uri("/servers/{id}/delete", server)
			.session(login())
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus(302).redirectedUrl().isEqualTo("/servers/" + server);
		assertThat(result).flash().containsKey("error");
		assertThat(this.servers.findById(server)).isPresent();
	}

	@Test
	void everyPageRendersForEveryRole() {
		for (String user : new String[] { Accounts.ADMIN, Accounts.OPERATOR, Accounts.VIEWER }) {
			MockHttpSession session = login(user);
			for (String page : new String[] { "/", "/servers", "/clusters", "/balancers", "/runs", "/audit",
					"/account/password" }) {
				assertThat(this.mvc.get().uri(page).session(session)).as(user + " " + page).hasStatusOk();
			}
		}
	}

	private MockHttpSession login() {
		return login(Accounts.ADMIN);
	}

	private MockHttpSession login(String user) {
		return Accounts.login(this.mvc, user);
	}

}
