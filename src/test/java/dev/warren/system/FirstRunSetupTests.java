package dev.warren.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * A console with an empty database and no admin in the environment: the token in the log
 * is the only way in.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = { "warren.admin.username=", "warren.admin.password=" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class FirstRunSetupTests {

	private static final Pattern TOKEN = Pattern.compile("setup token to create the first admin:\\s+([0-9a-f]{32})");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Users users;

	@Autowired
	WarrenProperties properties;

	@Autowired
	Environment environment;

	@Test
	void createsTheFirstAdminOnlyWithTheTokenFromTheLog(CapturedOutput output) {
		Matcher matcher = TOKEN.matcher(output.getAll());
		assertThat(matcher.find()).as("the setup token is logged").isTrue();
		String token = matcher.group(1);

		assertThat(this.mvc.get().uri("/login")).hasStatus(302).redirectedUrl().isEqualTo("/setup");
		assertThat(this.mvc.get().uri("/setup")).hasStatusOk().bodyText().contains("Setup token");

		assertThat(this.mvc.post()
			.uri("/setup")
			.with(csrf())
			.param("token", "0".repeat(32))
			.param("username", "root-admin")
			.param("password", "a-long-admin-password")
			.param("confirmPassword", "a-long-admin-password")).hasStatusOk()
			.bodyText()
			.contains("is not the setup token");
		assertThat(this.mvc.post()
			.uri("/setup")
			.with(csrf())
			.param("token", token)
			.param("username", "root-admin")
			.param("password", "short")
			.param("confirmPassword", "short")).hasStatusOk().bodyText().contains("at least 12 characters");
		assertThat(this.users.anyExists()).isFalse();

		assertThat(this.mvc.post()
			.uri("/setup")
			.with(csrf())
			.param("token", token)
			.param("username", "root-admin")
			.param("password", "a-long-admin-password")
			.param("confirmPassword", "a-long-admin-password")).hasStatus(302).redirectedUrl().isEqualTo("/login");

		assertThat(this.users.list()).singleElement().satisfies((user) -> {
			assertThat(user.username()).isEqualTo("root-admin");
			assertThat(user.role()).isEqualTo(Role.ADMIN);
		});
		assertThat(this.mvc.get().uri("/setup")).hasStatus(302).redirectedUrl().isEqualTo("/login");
		assertThat(this.mvc.post()
			.uri("/setup")
			.with(csrf())
			.param("token", token)
			.param("username", "second-admin")
			.param("password", "a-long-admin-password")
			.param("confirmPassword", "a-long-admin-password")).hasStatus(302);
		assertThat(this.users.list()).hasSize(1);
		assertThat(this.mvc.get().uri("/api/v1/servers").with(httpBasic("root-admin", "a-long-admin-password")))
			.hasStatusOk();

		// Once a user exists, WARREN_ADMIN_* is ignored.
		FirstRunSetup fromEnvironment = new FirstRunSetup(this.users,
				new WarrenProperties(this.properties.dataDir(),
						new WarrenProperties.Admin("env-admin", "env-admin-password"), this.properties.loginThrottle()),
				this.environment);
		fromEnvironment.run(null);
		assertThat(this.users.list()).extracting(UserView::username).containsExactly("root-admin");
	}

}
