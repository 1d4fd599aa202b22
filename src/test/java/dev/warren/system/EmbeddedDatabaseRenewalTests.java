package dev.warren.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.warren.support.Api;
import dev.warren.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The default install (issue 16): the embedded H2 file database with the production URL,
 * every pooled connection retired as Hikari's max lifetime does it, one at a time while
 * the database stays open, and then everything an administrator writes still stored. On
 * H2 2.4.240 the first write after the connection that ran the migrations was retired
 * failed ("Check constraint invalid", "The database has been closed").
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = { "warren.admin.username=", "warren.admin.password=" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseRenewalTests {

	private static final Pattern TOKEN = Pattern.compile("setup token to create the first admin:\\s+([0-9a-f]{32})");

	private static final String ADMIN = "first-admin";

	private static final String PASSWORD = "first-admin-password";

	private static final Path DATA = temporaryDirectory();

	/**
	 * Holds the database open while the pool renews, as the pool's other connections do.
	 */
	private static Connection bystander;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DataSource dataSource;

	@DynamicPropertySource
	static void productionDatabase(DynamicPropertyRegistry registry) {
		registry.add("warren.data-dir", DATA::toString);
		registry.add("spring.datasource.url",
				() -> productionUrl().replace("${warren.data-dir}", DATA.toString().replace('\\', '/')));
	}

	@AfterAll
	static void closeBystander() throws SQLException {
		if (bystander != null) {
			bystander.close();
		}
	}

	@Test
	@Order(1)
	void storesTheFirstAdminServersUsersAndRunsAfterEveryConnectionWasRenewed(CapturedOutput output)
			throws SQLException {
		assertThat(pool().getJdbcUrl()).startsWith("jdbc:h2:file:").contains("WRITE_DELAY=0");
		renewEveryPooledConnection();

		Matcher token = TOKEN.matcher(output.getAll());
		assertThat(token.find()).as("the setup token is logged").isTrue();
		assertThat(this.mvc.post()
			.uri("/setup")
			.with(csrf())
			.param("token", token.group(1))
			.param("username", ADMIN)
			.param("password", PASSWORD)
			.param("confirmPassword", PASSWORD)).as("first-run setup through the form").hasStatus(302);

		MockHttpSession session = login();
		assertThat(this.mvc.post()
			.uri("/servers")
			.session(session)
			.with(csrf())
			.param("name", "through-the-form")
			.param("host", "127.0.0.1")
			.param("sshPort", "1")
			.param("sshUser", "root")
			.param("authType", "PASSWORD")
			.param("password", "form-secret-123")
			.param("os", "LINUX")
			.param("nodeName", "rabbit@form")
			.param("amqpPort", "5672")
			.param("managementPort", "15672")).as("a server through the form").hasStatus(302);
		assertThat(this.mvc.post()
			.uri("/users")
			.session(session)
			.with(csrf())
			.param("username", "an-operator")
			.param("password", "an-operator-password")
			.param("role", "OPERATOR")).as("a user through the form").hasStatus(302);

		renewEveryPooledConnection();
		Map<String, Object> server = Json.server("through-the-api");
		server.put("host", "127.0.0.1");
		server.put("sshPort", 1);
		long serverId = Json.id(Api.body(post("/api/v1/servers", server), 201));
		long clusterId = Json.id(Api.body(post("/api/v1/clusters",
				Json.map("name", "renewed", "primaryServerId", serverId, "memberServerIds", new long[] { serverId })),
				201));
		long balancerId = Json.id(Api.body(post("/api/v1/balancers", Json.map("name", "renewed-nginx", "kind", "NGINX",
				"clusterId", clusterId, "hostServerId", serverId, "listenPort", 5672)), 201));

		renewEveryPooledConnection();
		MvcTestResult accepted = post("/api/v1/balancers/" + balancerId + "/deployments", Map.of());
		assertThat(accepted).as("a run is stored").hasStatus(202);
		String run = accepted.getResponse().getHeader("Location");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(run)).bodyJson()
				.extractingPath("$.status")
				.asString()
				.as("the run's end is stored too (nothing listens on port 1)")
				.isEqualTo("FAILED"));

		assertThat(get("/api/v1/servers")).bodyText().contains("through-the-form", "through-the-api");
		assertThat(output.getAll()).doesNotContain("Check constraint invalid", "The database has been closed");
	}

	@Test
	@Order(2)
	void reconnectsAfterTheDatabaseWasClosedUnderneathIt() throws SQLException {
		HikariDataSource pool = pool();
		Connection outside = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
		try (Statement statement = outside.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		assertThat(outside.isClosed()).as("SHUTDOWN closed the database under every pooled connection").isTrue();
		List<Integer> answers = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			MvcTestResult created = post("/api/v1/servers", Json.server(Api.unique("after-shutdown")));
			answers.add(created.getResponse().getStatus());
			assertThat(created).hasStatus(201);
		});
		assertThat(answers).as("while it reconnects, a closed database is said so (503), never a 409 or a 500")
			.allMatch((status) -> status == 201 || status == 503);
	}

	private void renewEveryPooledConnection() throws SQLException {
		HikariDataSource pool = pool();
		if (bystander == null) {
			bystander = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> pool.getHikariPoolMXBean().getIdleConnections() == pool.getMaximumPoolSize());
		List<Connection> all = new ArrayList<>();
		for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
			all.add(pool.getConnection());
		}
		for (Connection connection : all) {
			pool.evictConnection(connection);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> pool.getHikariPoolMXBean().getTotalConnections() == pool.getMaximumPoolSize());
	}

	private HikariDataSource pool() throws SQLException {
		return this.dataSource.unwrap(HikariDataSource.class);
	}

	private MockHttpSession login() {
		MvcTestResult result = this.mvc.post()
			.uri("/login")
			.with(csrf())
			.param("username", ADMIN)
			.param("password", PASSWORD)
			.exchange();
		assertThat(result).hasStatus(302).redirectedUrl().isEqualTo("/");
		return (MockHttpSession) result.getRequest().getSession();
	}

	private MvcTestResult post(String uri, Map<String, ?> body) {
		return this.mvc.post()
			.uri(uri)
			.with(httpBasic(ADMIN, PASSWORD))
			.contentType("application/json")
			.content(Json.of(body))
			.exchange();
	}

	private MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).with(httpBasic(ADMIN, PASSWORD)).exchange();
	}

	/** The URL a console uses when nothing is configured: the one in application.yml. */
	private static String productionUrl() {
		try {
			return (String) new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
				.get(0)
				.getProperty("spring.datasource.url");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("warren-renewal-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
