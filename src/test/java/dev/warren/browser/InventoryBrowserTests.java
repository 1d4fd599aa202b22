package dev.warren.browser;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator's first hour, in real Chromium: set up, log in, add a server with a
 * mistake, fix it, share read-only access. Every page visited is also saved as a
 * screenshot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warren.admin.username=", "warren.admin.password=",
				"logging.file.name=" + InventoryBrowserTests.CONSOLE_LOG })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryBrowserTests {

	private static final Pattern TOKEN = Pattern.compile("setup token to create the first admin:\\s+([0-9a-f]{32})");

	static final String CONSOLE_LOG = "target/browser-tests-console.log";

	private static final String ADMIN_PASSWORD = "browser-admin-password";

	@LocalServerPort
	int port;

	Browser browser;

	ConsolePages pages;

	@BeforeAll
	void openBrowser() throws Exception {
		this.browser = Browser.open(this.port);
		this.pages = new ConsolePages(this.browser);
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(1)
	void firstRunSetupCreatesTheAdminWithTheTokenFromTheLog() throws Exception {
		// As an administrator would: read the token from the console's log.
		Matcher matcher = TOKEN.matcher(Files.readString(Path.of(CONSOLE_LOG)));
		String token = null;
		while (matcher.find()) {
			token = matcher.group(1);
		}
		assertThat(token).as("a setup token in " + CONSOLE_LOG).isNotNull();

		this.browser.go("/");
		assertThat(this.browser.path()).isEqualTo("/setup");
		this.browser.screenshot("setup");
		this.pages.completeSetup("not-the-token", "admin", ADMIN_PASSWORD);
		assertThat(this.pages.fieldError("token")).contains("is not the setup token");

		this.pages.completeSetup(token, "admin", ADMIN_PASSWORD);
		assertThat(this.browser.find(By.cssSelector("[data-testid=flash-success]")).getText())
			.contains("Admin 'admin' created");
		this.browser.screenshot("login");

		this.pages.logIn("admin", "wrong-password-here");
		assertThat(this.browser.find(By.cssSelector("[data-testid=login-error]")).getText())
			.contains("Wrong user name or password");
		this.pages.logIn("admin", ADMIN_PASSWORD);
		assertThat(this.browser.find(By.cssSelector("[data-testid=getting-started]")).getText())
			.contains("Add your RabbitMQ servers");
		this.browser.screenshot("dashboard-empty");
	}

	@Test
	@Order(2)
	void addingAServerShowsTheMistakeInlineAndAcceptsTheFix() throws Exception {
		this.browser.go("/servers");
		assertThat(this.browser.find(By.cssSelector("[data-testid=empty-state]")).getText()).contains("No servers yet");
		this.browser.screenshot("servers-empty");
		this.browser.click(By.cssSelector("[data-testid=add-server]"));

		this.pages.fillServer("ServerA", "server a.example.com", "root", "ssh-password-in-browser", "rabbit@ServerA");
		this.pages.save();
		assertThat(this.pages.fieldError("host")).contains("must be a DNS name");
		assertThat(this.browser.find(By.id("host")).getAttribute("class")).contains("is-invalid");
		assertThat(this.browser.find(By.id("name")).getAttribute("value")).isEqualTo("ServerA");
		assertThat(this.browser.driver().getPageSource()).doesNotContain("ssh-password-in-browser");
		this.browser.screenshot("server-form-error");

		this.browser.type("host", "servera.example.com");
		this.browser.click(By.id("auth-password"));
		this.browser.type("password", "ssh-password-in-browser");
		this.pages.save();
		assertThat(this.browser.find(By.cssSelector("[data-testid=flash-success]")).getText())
			.contains("Server 'ServerA' added");
		assertThat(this.browser.text()).contains("rabbit@ServerA", "stored");
		this.browser.screenshot("server-detail");

		this.browser.go("/servers");
		assertThat(this.browser.find(By.cssSelector("[data-testid=servers-table]")).getText()).contains("ServerA",
				"root@servera.example.com", "rabbit@ServerA");
	}

	@Test
	@Order(3)
	void aViewerSeesNoEditButtonsAndIsRefusedAForcedChange() throws Exception {
		this.pages.addUser("watcher", "watcher-password", "VIEWER");
		assertThat(this.browser.find(By.cssSelector("[data-testid=flash-success]")).getText()).contains("watcher");
		this.browser.screenshot("users");
		this.pages.logOut();

		this.pages.logIn("watcher", "watcher-password");
		this.browser.go("/servers");
		assertThat(this.browser.find(By.cssSelector("[data-testid=servers-table]")).getText()).contains("ServerA");
		assertThat(this.browser.present(By.cssSelector("[data-testid=edit-server]"))).isFalse();
		assertThat(this.browser.present(By.cssSelector("[data-testid=add-server]"))).isFalse();
		this.browser.click(By.linkText("ServerA"));
		assertThat(this.browser.present(By.cssSelector("[data-testid=edit-server]"))).isFalse();

		// A forced POST from the viewer's own session, CSRF token included: refused by
		// role.
		Object status = this.browser.driver().executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const token = document.querySelector('input[name=_csrf]').value;
				fetch('/servers', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
				  body: '_csrf=' + encodeURIComponent(token) + '&name=forced&host=x.example&sshUser=root',
				  redirect: 'manual'}).then(r => done(r.status)).catch(e => done(String(e)));
				""");
		assertThat(status).isEqualTo(403L);
		this.browser.go("/users");
		assertThat(this.browser.text()).contains("Not allowed");
		this.pages.logOut();
	}

	@Test
	@Order(4)
	void everyMainPageLooksRightWithAnInventory() throws Exception {
		long a = api("/api/v1/servers", serverBody("ServerB", "rabbit@ServerB"));
		long b = api("/api/v1/servers", serverBody("ServerC", "rabbit@ServerC"));
		long lb = api("/api/v1/servers", serverBody("balancer-1", null));
		long serverA = this.idOfServer("ServerA");
		long cluster = api("/api/v1/clusters", Json.map("name", "cache-invalidation", "primaryServerId", serverA,
				"memberServerIds", new long[] { a, b }));
		api("/api/v1/balancers", Json.map("name", "nginx-lb", "kind", "NGINX", "clusterId", cluster, "hostServerId", lb,
				"listenPort", 5672));

		this.pages.logIn("admin", ADMIN_PASSWORD);
		for (String[] page : new String[][] { { "/", "dashboard-monitoring-off" }, { "/servers", "servers" },
				{ "/servers/new", "server-form" }, { "/clusters", "clusters" },
				{ "/clusters/" + cluster, "cluster-detail" }, { "/clusters/new", "cluster-form" },
				{ "/balancers", "balancers" }, { "/balancers/new", "balancer-form" }, { "/runs", "runs" },
				{ "/audit", "audit" }, { "/servers/987654", "not-found" } }) {
			this.browser.go(page[0]);
			assertThat(this.browser.driver().getTitle()).endsWith("Warren");
			this.browser.screenshot(page[1]);
		}
		this.browser.go("/");
		assertThat(this.browser.text()).contains("cache-invalidation", "rabbit@ServerB", "nginx-lb");
		// Swagger UI works under the Content-Security-Policy (no inline script).
		this.browser.go("/swagger-ui.html");
		assertThat(this.browser.find(By.xpath("//*[contains(@class,'opblock-tag') and contains(., 'Servers')]"))
			.isDisplayed()).isTrue();
		this.browser.screenshot("api-docs");
		this.browser.go("/audit");
		assertThat(this.browser.text()).contains("Created cluster 'cache-invalidation'", "LOGIN_FAILED");
	}

	private long idOfServer(String name) throws Exception {
		String list = request("GET", "/api/v1/servers", null).body();
		Matcher matcher = Pattern.compile("\\{\"id\":(\\d+),\"name\":\"" + name + "\"").matcher(list);
		assertThat(matcher.find()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private long api(String path, java.util.Map<String, ?> body) {
		return new AdminApi(this.port, "admin", ADMIN_PASSWORD).create(path, body);
	}

	private HttpResponse<String> request(String method, String path, String body) {
		return new AdminApi(this.port, "admin", ADMIN_PASSWORD).send(method, path, body);
	}

	private static java.util.Map<String, Object> serverBody(String name, String nodeName) {
		java.util.Map<String, Object> body = Json.server(name);
		body.put("host", name.toLowerCase() + ".example.com");
		body.put("nodeName", nodeName);
		return body;
	}

}
