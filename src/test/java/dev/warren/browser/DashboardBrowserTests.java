package dev.warren.browser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live dashboard in real Chromium against the lab's real RabbitMQ nodes and NGINX,
 * registered as one cluster with health monitoring on: a node whose app is stopped turns
 * DOWN and a frozen node NOT RESPONDING on the open page, pushed by the server, without a
 * reload; both come back UP.
 */
@LabTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = { "warren.health.enabled=true", "warren.health.amqp-interval=500ms",
		"warren.health.amqp-timeout=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTests {

	private static final String ADMIN = "admin";

	private static final String PASSWORD = "admin-password-for-tests";

	/**
	 * The issue's goal is 2 s from the event to the browser; margin for a busy machine.
	 */
	private static final Duration PUSHED_WITHIN = Duration.ofSeconds(6);

	@LocalServerPort
	int port;

	Browser browser;

	LabCluster lab;

	Lab facts;

	AdminApi api;

	List<Long> servers;

	long cluster;

	long balancer;

	@BeforeAll
	void registerTheLabAndOpenTheDashboard() throws Exception {
		this.facts = Lab.find().orElseThrow();
		this.api = new AdminApi(this.port, ADMIN, PASSWORD);
		this.lab = new LabCluster(this.facts, (body) -> this.api.create("/api/v1/servers", body), null);
		this.servers = List.of(server(0), server(1), server(2));
		this.cluster = this.api.create("/api/v1/clusters",
				Json.map("name", "lab", "primaryServerId", this.servers.get(0), "memberServerIds", this.servers));
		this.balancer = this.api.create("/api/v1/balancers",
				Json.map("name", "lab-nginx", "kind", "NGINX", "clusterId", this.cluster, "hostServerId",
						this.servers.get(0), "listenAddress", "127.0.0.1", "listenPort",
						this.facts.port("nginx.port")));
		this.browser = Browser.open(this.port);
		new ConsolePages(this.browser).logIn(ADMIN, PASSWORD);
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aStoppedNodeTurnsDownOnTheOpenPageAndComesBackUp() throws Exception {
		openDashboardWithEverythingUp();
		long hare = this.servers.get(1);
		try {
			LabCluster.Result stop = this.lab.rabbitmqctl("-n", this.lab.node(1), "stop_app");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			awaitState("node-" + hare, "DOWN");
			awaitText("cluster-" + this.cluster, "degraded: 1 of 3 nodes down");
			awaitTimeline("hare@vm went DOWN");
			assertThat(topologyState("hare@vm")).isEqualTo("DOWN");
			assertNoReload();
			Thread.sleep(1500);
			this.browser.screenshot("dashboard");
		}
		finally {
			this.lab.startApp(this.lab.node(1));
		}
		awaitState("node-" + hare, "UP", Duration.ofSeconds(20));
		awaitTimeline("hare@vm came back UP");
		assertNoReload();
	}

	@Test
	void aFrozenNodeIsNotRespondingOnTheOpenPageAndComesBackUp() throws Exception {
		openDashboardWithEverythingUp();
		long bunny = this.servers.get(2);
		String pid = this.facts.get("rabbit.2.pid");
		try {
			signal("STOP", pid);
			awaitState("node-" + bunny, "NOT RESPONDING");
			awaitTimeline("bunny@vm is NOT RESPONDING");
			assertThat(topologyState("bunny@vm")).isEqualTo("NOT_RESPONDING");
			assertNoReload();
			this.browser.screenshot("dashboard-frozen-node");
		}
		finally {
			signal("CONT", pid);
		}
		awaitState("node-" + bunny, "UP", Duration.ofSeconds(20));
		assertNoReload();
	}

	@Test
	void theNodePageShowsItsStateAndItsLatencyChart() throws Exception {
		openDashboardWithEverythingUp();
		this.browser.click(By.cssSelector("a[href$='/health/nodes/" + this.servers.get(0) + "']"));
		this.browser.find(By.cssSelector("[data-testid=latency-chart] canvas"));
		assertThat(this.browser.find(By.cssSelector("#node-" + this.servers.get(0) + " [data-testid=state]")).getText())
			.isEqualTo("UP");
		assertThat(this.browser.find(By.cssSelector("[data-testid=history]")).getText()).contains("rabbit@vm is UP");
		Thread.sleep(1500);
		this.browser.screenshot("health-node");
		this.browser.click(By.linkText("6 h"));
		this.browser.find(By.cssSelector("[data-testid=latency-chart][data-samples-url] canvas"));
		assertThat(this.browser.path()).endsWith("?range=6h");
	}

	@Test
	void aBalancerWhoseProcessStopsTurnsDownOnTheOpenPage() throws Exception {
		Path dir = Files.createTempDirectory("warren-dashboard-haproxy");
		int listen;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			listen = free.getLocalPort();
		}
		Path cfg = dir.resolve("haproxy.cfg");
		Path pidFile = dir.resolve("haproxy.pid");
		Files.writeString(cfg, """
				global
				  maxconn 100
				defaults
				  mode tcp
				  timeout connect 5s
				  timeout client 120s
				  timeout server 120s
				listen rabbit
				  bind 127.0.0.1:%d
				  server rabbit 127.0.0.1:%d
				""".formatted(listen, this.facts.port("rabbit.0.amqpPort")));
		Process start = new ProcessBuilder("haproxy", "-W", "-D", "-f", cfg.toString(), "-p", pidFile.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(start.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(start.exitValue()).as(new String(start.getInputStream().readAllBytes())).isZero();
		LabCluster.waitUntil(Duration.ofSeconds(10), () -> pidIn(pidFile) != null);
		long master = pidIn(pidFile);
		long own = this.api.create("/api/v1/balancers", Json.map("name", "own-haproxy", "kind", "HAPROXY", "clusterId",
				this.cluster, "hostServerId", this.servers.get(0), "listenAddress", "127.0.0.1", "listenPort", listen));
		try {
			// The monitor reads the inventory once per round: the page shows the new
			// balancer once the monitor has it.
			LabCluster.waitUntil(Duration.ofSeconds(20),
					() -> this.api.send("GET", "/api/v1/health", null).body().contains("own-haproxy"));
			openDashboardWithEverythingUp();
			awaitState("balancer-" + own, "UP", Duration.ofSeconds(20));
			ProcessHandle.of(master).ifPresent(ProcessHandle::destroy);
			awaitState("balancer-" + own, "DOWN");
			awaitTimeline("own-haproxy went DOWN");
			assertNoReload();
			this.browser.screenshot("dashboard-balancer-down");
		}
		finally {
			ProcessHandle.of(master).ifPresent(ProcessHandle::destroy);
			this.api.send("DELETE", "/api/v1/balancers/" + own, null);
			try (var files = Files.list(dir)) {
				files.forEach((file) -> file.toFile().delete());
			}
			Files.deleteIfExists(dir);
		}
	}

	private static Long pidIn(Path file) {
		try {
			List<String> lines = Files.readAllLines(file);
			return lines.isEmpty() ? null : Long.parseLong(lines.get(0).strip());
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
	}

	private void openDashboardWithEverythingUp() {
		this.browser.go("/");
		for (long server : this.servers) {
			awaitState("node-" + server, "UP", Duration.ofSeconds(20));
		}
		awaitState("balancer-" + this.balancer, "UP", Duration.ofSeconds(20));
		this.browser.find(By.cssSelector("[data-testid=live-status][data-live=live]"));
		this.browser.find(By.cssSelector("[data-topology] svg"));
		this.browser.driver().executeScript("window.warrenNotReloaded = true;");
	}

	private void assertNoReload() {
		assertThat(this.browser.driver().executeScript("return window.warrenNotReloaded === true;"))
			.as("the page was updated in place, not reloaded")
			.isEqualTo(true);
	}

	private void awaitState(String target, String state) {
		awaitState(target, state, PUSHED_WITHIN);
	}

	private void awaitState(String target, String state, Duration timeout) {
		By badge = By.cssSelector("#" + target + " [data-testid=state]");
		try {
			new WebDriverWait(this.browser.driver(), timeout).ignoring(StaleElementReferenceException.class)
				.until((driver) -> state.equals(driver.findElement(badge).getText().trim()));
		}
		catch (RuntimeException ex) {
			throw new AssertionError(target + " did not show " + state + " within " + timeout + "; it shows "
					+ this.browser.driver().findElement(badge).getText(), ex);
		}
	}

	private void awaitText(String id, String text) {
		new WebDriverWait(this.browser.driver(), PUSHED_WITHIN).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.id(id)).getText().contains(text));
	}

	private void awaitTimeline(String text) {
		new WebDriverWait(this.browser.driver(), PUSHED_WITHIN).ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.id("timeline")).getText().contains(text));
	}

	/**
	 * The state the topology picture shows for a node (it is redrawn on every change).
	 */
	private String topologyState(String name) {
		return (String) this.browser.driver()
			.executeScript("var boxes = document.querySelectorAll('[data-topology] g.topology-box[data-kind=node]');"
					+ "for (var i = 0; i < boxes.length; i++) {"
					+ "  if (boxes[i].querySelector('text.topology-name').textContent === arguments[0]) {"
					+ "    return boxes[i].getAttribute('data-state'); } }" + "return null;", name);
	}

	private long server(int index) {
		Map<String, Object> body = Json.server(this.lab.node(index).split("@")[0]);
		body.put("host", "127.0.0.1");
		body.put("nodeName", this.lab.node(index));
		body.put("amqpPort", this.facts.port("rabbit." + index + ".amqpPort"));
		body.put("managementPort", this.facts.port("rabbit." + index + ".managementPort"));
		return this.api.create("/api/v1/servers", body);
	}

	private static void signal(String signal, String pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
	}

}
