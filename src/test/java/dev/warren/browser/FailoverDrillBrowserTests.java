package dev.warren.browser;

import java.time.Duration;
import java.util.List;

import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Accounts;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failover drill in real Chromium against the lab: its three RabbitMQ nodes clustered
 * (with the lab's own rabbitmqctl) behind the lab's NGINX, which Warren only describes
 * and never deploys to. An administrator starts the drill on a non-primary node from the
 * cluster page, through the safety checks and the confirmation, follows the run and reads
 * the report. The nodes are made standalone again afterwards.
 */
@LabTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverDrillBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	RemoteShells shells;

	Lab facts;

	LabCluster lab;

	AdminApi api;

	Browser browser;

	long cluster;

	@BeforeAll
	void clusterTheLabBehindItsNginxAndOpenTheBrowser() throws Exception {
		this.facts = Lab.find().orElseThrow();
		this.api = new AdminApi(this.port, Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
		this.lab = new LabCluster(this.facts, (body) -> this.api.create("/api/v1/servers", body), this.shells);
		this.lab.join(this.lab.node(1), this.lab.node(0));
		this.lab.join(this.lab.node(2), this.lab.node(0));
		List<Long> servers = List.of(this.lab.rootServerWithPorts(0), this.lab.rootServerWithPorts(1),
				this.lab.rootServerWithPorts(2));
		this.cluster = this.api.create("/api/v1/clusters", Json.map("name", "drill-" + System.nanoTime(),
				"primaryServerId", servers.get(0), "memberServerIds", servers));
		this.api.create("/api/v1/balancers",
				Json.map("name", "lab-nginx", "kind", "NGINX", "clusterId", this.cluster, "hostServerId",
						servers.get(0), "listenAddress", "127.0.0.1", "listenPort", this.facts.port("nginx.port")));
		this.browser = Browser.open(this.port);
		new ConsolePages(this.browser).logIn(Accounts.ADMIN, Accounts.ADMIN_PASSWORD);
	}

	@AfterAll
	void closeBrowserAndPutTheLabBack() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.lab != null) {
			this.lab.startApp(this.lab.node(1));
			this.lab.makeStandalone(this.lab.node(1));
			this.lab.makeStandalone(this.lab.node(2));
		}
	}

	@Test
	void anAdministratorDrillsANonPrimaryNodeFromTheClusterPageAndReadsAReportWithNoMessageLost() throws Exception {
		String hare = this.lab.node(1);
		this.browser.go("/clusters/" + this.cluster);
		this.browser.click(By.cssSelector("[data-testid=drills-link]"));

		this.browser.find(By.cssSelector("[data-testid=drill-form]"));
		new Select(this.browser.find(By.id("serverId"))).selectByVisibleText(hare);
		assertThat(new Select(this.browser.find(By.id("balancerId"))).getFirstSelectedOption().getText())
			.isEqualTo("lab-nginx (127.0.0.1:" + this.facts.port("nginx.port") + ")");
		this.browser.type("waitSeconds", "3");
		this.browser.click(By.cssSelector("[data-testid=check-drill]"));

		// The safety checks read every member; nothing is stopped yet.
		assertThat(this.browser.find(By.cssSelector("[data-testid=safety-passed]")).getText())
			.contains("It is safe to stop " + hare);
		assertThat(this.browser.find(By.cssSelector("[data-testid=drill-steps]")).getText())
			.contains("Stop the RabbitMQ application on " + hare + " (stop_app)", "Wait 3 s", "quorum queue");
		assertThat(runningNodes()).contains(hare);
		this.browser.screenshot("drill-confirm");

		this.browser.click(By.cssSelector("[data-testid=start-drill]"));
		assertThat(this.browser.driver().switchTo().alert().getText()).isEqualTo("Stop the RabbitMQ application on "
				+ hare + " now? Its clients are disconnected until it starts again.");
		this.browser.driver().switchTo().alert().accept();

		// The run's page follows the drill live and reloads itself when it ends.
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(10))
			.until((driver) -> this.browser.path().matches("/runs/\\d+"));
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(150)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> !"true".equals(driver.findElement(By.id("run")).getAttribute("data-active")));
		assertThat(this.browser.find(By.id("run-status")).getText()).as(this.browser.text()).isEqualTo("SUCCEEDED");
		this.browser.screenshot("drill-run");

		this.browser.click(By.cssSelector("[data-testid=drill-report-link]"));

		assertThat(this.browser.find(By.cssSelector("[data-testid=drill-result]")).getText()).isEqualTo("PASSED");
		assertThat(this.browser.find(By.cssSelector("[data-testid=drill-summary]")).getText())
			.contains("0 messages lost", hare + " rejoined");
		assertThat(figure("Lost")).isEqualTo("0");
		assertThat(figure("Rejoined")).isEqualTo("yes");
		assertThat(Long.parseLong(figure("Received"))).isGreaterThan(50);
		assertThat(figure("Balancer stopped using it (ms)")).matches("\\d+");
		assertThat(figure("Back in use (ms)")).matches("\\d+");
		this.browser.screenshot("drill-report");

		assertThat(runningNodes()).contains(this.lab.node(0), hare, this.lab.node(2));
	}

	/** The value on the report's card with this label. */
	private String figure(String label) {
		return this.browser.find(By
			.xpath("//*[@data-testid='drill-figures']//div[contains(@class,'card-body')][div[1][normalize-space()='"
					+ label + "']]/div[2]"))
			.getText()
			.trim();
	}

	private List<String> runningNodes() {
		return ClusterStatus.parse(this.lab.clusterStatus(this.lab.node(0))).runningNodes();
	}

}
