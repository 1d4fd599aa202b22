package dev.warren.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster wizard in real Chromium against the lab's real RabbitMQ nodes: choose,
 * preflight, plan, confirm, watch the commands' output arrive live, and find the nodes
 * clustered.
 */
@LabTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterWizardBrowserTests {

	private static final String ADMIN = "admin";

	private static final String PASSWORD = "admin-password-for-tests";

	@LocalServerPort
	int port;

	@Autowired
	RemoteShells shells;

	Browser browser;

	LabCluster lab;

	@BeforeAll
	void openBrowser() throws Exception {
		this.lab = new LabCluster(Lab.find().orElseThrow(), this::createServer, this.shells);
		this.browser = Browser.open(this.port);
	}

	@AfterAll
	void closeBrowserAndPutTheLabBack() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.lab != null) {
			this.lab.makeStandalone(this.lab.node(1));
		}
	}

	@Test
	void joinsANodeThroughTheWizardAndShowsTheCommandsLive() throws Exception {
		long primary = this.lab.rootServer(this.lab.node(0));
		long hare = this.lab.rootServer(this.lab.node(1));
		long cluster = new AdminApi(this.port, ADMIN, PASSWORD).create("/api/v1/clusters", Json.map("name",
				"wizard-" + System.nanoTime(), "primaryServerId", primary, "memberServerIds", List.of(hare)));

		new ConsolePages(this.browser).logIn(ADMIN, PASSWORD);
		this.browser.go("/clusters/" + cluster);
		this.browser.click(By.cssSelector("[data-testid=join-nodes]"));
		this.browser.screenshot("join-choose");
		this.browser.click(By.cssSelector("[data-testid=run-preflight]"));

		assertThat(this.browser.find(By.cssSelector("[data-testid=preflight-passed]")).getText())
			.contains("Every check passed");
		assertThat(this.browser.find(By.cssSelector("[data-testid=plan]")).getText()).contains("stop_app",
				"join_cluster " + this.lab.node(0), "start_app");
		this.browser.screenshot("join-review");

		this.browser.click(By.cssSelector("[data-testid=confirm-run]"));
		this.browser.driver().switchTo().alert().accept();

		// The run page: the first command's output arrives while the run is still going.
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElements(By.cssSelector("#step-1 .step-output"))
				.stream()
				.anyMatch((output) -> output.getText().contains("Stopping rabbit application")));
		assertThat(this.browser.find(By.cssSelector("#run")).getAttribute("data-active")).isEqualTo("true");
		this.browser.screenshot("join-running");
		// Reloaded mid-run (or opened by a second user), the page shows the same run and
		// keeps following it.
		this.browser.driver().navigate().refresh();
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector("#step-1 .step-output"))
				.getText()
				.contains("Stopping rabbit application"));

		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElements(By.cssSelector("[data-testid=run-summary]"))
				.stream()
				.anyMatch((summary) -> summary.isDisplayed() && summary.getText().contains("Joined")));
		assertThat(this.browser.find(By.id("run-status")).getText()).isEqualTo("SUCCEEDED");
		this.browser.screenshot("join-succeeded");

		ClusterStatus status = ClusterStatus.parse(this.lab.clusterStatus(this.lab.node(0)));
		assertThat(status.runningNodes()).contains(this.lab.node(0), this.lab.node(1));
		this.browser.go("/runs");
		assertThat(this.browser.find(By.cssSelector("[data-testid=runs-table]")).getText()).contains("SUCCEEDED");
		this.browser.screenshot("runs");
	}

	private Long createServer(Map<String, Object> body) {
		return new AdminApi(this.port, ADMIN, PASSWORD).create("/api/v1/servers", body);
	}

}
