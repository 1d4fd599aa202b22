package dev.warren.system;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@SpringBootTest(properties = { "warren.admin.username=automation", "warren.admin.password=automation-password" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class AdminFromEnvironmentTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Users users;

	@Test
	void createsTheFirstAdminFromTheEnvironmentAndSkipsSetup() {
		assertThat(this.users.list()).singleElement().satisfies((user) -> {
			assertThat(user.username()).isEqualTo("automation");
			assertThat(user.role()).isEqualTo(Role.ADMIN);
		});
		assertThat(this.mvc.get().uri("/setup")).hasStatus(302).redirectedUrl().isEqualTo("/login");
		assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic("automation", "automation-password")))
			.hasStatusOk();
	}

}
