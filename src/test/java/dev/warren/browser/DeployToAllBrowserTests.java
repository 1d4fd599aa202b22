package dev.warren.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warren.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster page's Balancers card in real Chromium: "Deploy to all" asks first, starts
 * one run and stops at the first balancer that fails (here no SSH server answers, so
 * nothing changes anywhere), marking the next one not attempted; the keepalived form
 * downloads a file for the chosen host.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployToAllBrowserTests {

	private static final String ADMIN = "admin";

	private static final String PASSWORD = "admin-password-for-tests";

	@LocalServerPort
	int port;

	@TempDir
	static Path downloads;

	Browser browser;

	long cluster;

	String first;

	String second;

	long secondId;

	@BeforeAll
	void createTwoBalancersAndOpenTheBrowser() throws Exception {
		AdminApi api = new AdminApi(this.port, ADMIN, PASSWORD);
		long a = api.create("/api/v1/servers", server("all-a-" + System.nanoTime()));
		long b = api.create("/api/v1/servers", server("all-b-" + System.nanoTime()));
		long host = api.create("/api/v1/servers", server("all-lb-" + System.nanoTime()));
		this.cluster = api.create("/api/v1/clusters",
				Json.map("name", "edge-" + System.nanoTime(), "primaryServerId", a, "memberServerIds", List.of(a, b)));
		this.first = "a-edge-" + System.nanoTime();
		this.second = "b-edge-" + System.nanoTime();
		// Created in reverse: the card and the run go by name.
		this.secondId = api.create("/api/v1/balancers", balancer(this.second, host, 35673));
		api.create("/api/v1/balancers", balancer(this.first, host, 35672));
		this.browser = Browser.open(this.port);
		this.browser.driver()
			.executeCdpCommand("Browser.setDownloadBehavior",
					Map.of("behavior", "allow", "downloadPath", downloads.toString()));
		new ConsolePages(this.browser).logIn(ADMIN, PASSWORD);
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(1)
	void deploysToAllInOneRunAndStopsAtTheFirstFailure() throws Exception {
		this.browser.go("/clusters/" + this.cluster);
		String card = this.browser.find(By.cssSelector("[data-testid=cluster-balancers]")).getText();
		assertThat(card).containsSubsequence(this.first, this.second);
		this.browser.screenshot("cluster-balancers");

		this.browser.click(By.cssSelector("[data-testid=deploy-all]"));
		assertThat(this.browser.driver().switchTo().alert().getText()).contains("each of the 2 balancers in turn");
		this.browser.driver().switchTo().alert().accept();
		// The run's page reloads itself when the run ends.
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> this.browser.text().contains("Stopped at balancer " + this.first));
		String run = this.browser.text();
		assertThat(run).contains("[" + this.first + "] push nginx.conf to", "Not attempted: " + this.second,
				"[" + this.second + "] not attempted: the deployment to " + this.first + " failed");
		this.browser.screenshot("deploy-all-run");
	}

	@Test
	@Order(2)
	void downloadsAKeepalivedConfForTheBackupsHost() throws Exception {
		this.browser.go("/clusters/" + this.cluster);
		this.browser.find(By.cssSelector("[data-testid=keepalived-form]"));
		this.browser.type("keepalived-vip", "192.0.2.10/24");
		new Select(this.browser.find(By.id("keepalived-master"))).selectByVisibleText(this.first);
		new Select(this.browser.find(By.id("keepalived-for"))).selectByValue(String.valueOf(this.secondId));
		this.browser.screenshot("cluster-keepalived");
		this.browser.click(By.cssSelector("[data-testid=download-keepalived]"));
		Path file = downloads.resolve("keepalived.conf");
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(15)).until((driver) -> Files.isRegularFile(file)
				&& !Files.exists(downloads.resolve("keepalived.conf.crdownload")));
		assertThat(Files.readString(file)).contains("# keepalived.conf for balancer '" + this.second + "' (BACKUP)",
				"192.0.2.10/24 dev eth0", "virtual_router_id 51");
	}

	@Test
	@Order(3)
	void turnsEjectionOnFromTheClusterPageAndNamesAWrongField() throws Exception {
		this.browser.go("/clusters/" + this.cluster);
		this.browser.find(By.cssSelector("[data-testid=ejection-card]"));
		this.browser.click(By.id("ejection-enabled"));
		// The browser itself refuses a minimum below 1; the server refuses an hour and
		// more.
		this.browser.type("holdDownSeconds", "4000");
		this.browser.click(By.cssSelector("[data-testid=save-ejection]"));
		assertThat(this.browser.find(By.id("holdDownSeconds-error")).getText()).contains("3600");
		this.browser.type("holdDownSeconds", "15");
		this.browser.click(By.cssSelector("[data-testid=save-ejection]"));
		this.browser.find(By.cssSelector("[data-testid=ejection-saved]"));
		assertThat(this.browser.find(By.cssSelector("[data-testid=ejection-on]")).getText()).isEqualTo("on");
		this.browser.screenshot("cluster-ejection");
	}

	private Map<String, Object> balancer(String name, long host, int port) {
		return Json.map("name", name, "kind", "NGINX", "clusterId", this.cluster, "hostServerId", host, "listenAddress",
				"127.0.0.1", "listenPort", port);
	}

	private static Map<String, Object> server(String name) {
		Map<String, Object> body = Json.server(name);
		// Nothing listens on port 1: every SSH connection is refused at once.
		body.put("host", "127.0.0.1");
		body.put("sshPort", 1);
		body.put("nodeName", "rabbit@" + name);
		return body;
	}

}
