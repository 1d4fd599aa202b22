package dev.warren.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warren.balancer.RealValidators;
import dev.warren.inventory.OperatingSystem;
import dev.warren.support.Json;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator describes a balancer on the form, then downloads its config in real
 * Chromium: the file arrives under its own name and passes the lab's {@code nginx -t}.
 */
@LabTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BalancerDownloadBrowserTests {

	private static final String ADMIN = "admin";

	private static final String PASSWORD = "admin-password-for-tests";

	@LocalServerPort
	int port;

	@TempDir
	static Path downloads;

	Browser browser;

	String cluster;

	String host;

	@BeforeAll
	void createAClusterAndOpenTheBrowser() throws Exception {
		long a = new AdminApi(this.port, ADMIN, PASSWORD).create("/api/v1/servers",
				server("dl-a-" + System.nanoTime(), 5672));
		long b = new AdminApi(this.port, ADMIN, PASSWORD).create("/api/v1/servers",
				server("dl-b-" + System.nanoTime(), 5673));
		this.host = "dl-lb-" + System.nanoTime();
		new AdminApi(this.port, ADMIN, PASSWORD).create("/api/v1/servers", server(this.host, 5672));
		this.cluster = "downloads-" + System.nanoTime();
		new AdminApi(this.port, ADMIN, PASSWORD).create("/api/v1/clusters",
				Json.map("name", this.cluster, "primaryServerId", a, "memberServerIds", List.of(a, b)));
		this.browser = Browser.open(this.port);
		// Chromium saves downloads here, under the name the server gives, without asking.
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
	void describesABalancerWithItsSettingsOnTheForm() throws Exception {
		this.browser.go("/balancers/new");
		assertThat(this.browser.driver().findElement(By.id("timeouts")).isDisplayed()).isFalse();
		this.browser.screenshot("balancer-form");
		this.browser.type("name", "nginx-download");
		new Select(this.browser.find(By.id("clusterId"))).selectByVisibleText(this.cluster);
		new Select(this.browser.find(By.id("hostServerId"))).selectByVisibleText(this.host + " (127.0.0.1)");
		this.browser.type("listenAddress", "127.0.0.1");
		this.browser.type("listenPort", "35672");
		this.browser.click(By.id("method-LEAST_CONNECTIONS"));
		this.browser.click(By.cssSelector("input[type=checkbox][name=balanceManagement]"));
		this.browser.type("managementListenPort", "45672");
		this.browser.click(By.cssSelector("[data-testid=toggle-timeouts]"));
		this.browser.type("idleTimeoutSeconds", "0");
		this.browser.screenshot("balancer-form-timeouts");
		this.browser.click(By.cssSelector("[data-testid=save]"));

		// The mistake is shown next to its field, in the section that opened by itself.
		assertThat(this.browser.find(By.id("idleTimeoutSeconds-error")).getText())
			.contains("between 1 and 86400 seconds");
		assertThat(this.browser.find(By.id("timeouts")).isDisplayed()).isTrue();
		this.browser.screenshot("balancer-form-error");
		this.browser.type("idleTimeoutSeconds", "60");
		this.browser.click(By.cssSelector("[data-testid=save]"));

		assertThat(this.browser.find(By.cssSelector("[data-testid=flash-success]")).getText())
			.contains("Balancer 'nginx-download' added");
		assertThat(this.browser.find(By.cssSelector("[data-testid=balancer-warning]")).getText())
			.contains("less than twice RabbitMQ's default heartbeat");
		assertThat(this.browser.find(By.cssSelector("[data-testid=balancer-settings]")).getText())
			.contains("Least connections", "60 s");
	}

	@Test
	@Order(2)
	void previewsAndDownloadsAnNginxConfThatPassesNginxT(@TempDir Path check) throws Exception {
		assertThat(this.browser.find(By.cssSelector("[data-testid=download-config]")).getText())
			.isEqualTo("Download nginx.conf");
		this.browser.screenshot("balancer-detail");
		this.browser.click(By.cssSelector("[data-testid=preview-config]"));
		String preview = this.browser.find(By.cssSelector("[data-testid=config-preview]")).getText();
		assertThat(preview).contains("# nginx.conf for balancer 'nginx-download' in front of RabbitMQ cluster",
				"least_conn;", "server 127.0.0.1:5673", "listen 127.0.0.1:45672");
		this.browser.screenshot("balancer-detail-preview");

		this.browser.click(By.cssSelector("[data-testid=download-config]"));
		Path file = awaitDownload("nginx.conf");
		String content = Files.readString(file);
		assertThat(content).startsWith("# nginx.conf for balancer 'nginx-download'").contains("proxy_timeout 60s;");
		RealValidators.assertNginxAccepts(content, "nginx.conf", OperatingSystem.LINUX, check);
	}

	@Test
	@Order(3)
	void switchingToAnIncludeFileAsksForItsOwnPathAndDownloadsIt(@TempDir Path check) throws Exception {
		this.browser.click(By.cssSelector("[data-testid=edit-balancer]"));
		this.browser.click(By.id("layout-INCLUDE"));
		this.browser.click(By.cssSelector("[data-testid=save]"));
		assertThat(this.browser.find(By.id("configPath-error")).getText()).contains("must not replace nginx.conf");
		this.browser.type("configPath", "");
		this.browser.type("validateCommand", "");
		this.browser.click(By.cssSelector("[data-testid=save]"));
		this.browser.find(By.cssSelector("[data-testid=flash-success]"));

		this.browser.click(By.cssSelector("[data-testid=download-config]"));
		Path file = awaitDownload("rabbitmq-stream.conf");
		String content = Files.readString(file);
		assertThat(content).contains("#     include /etc/nginx/rabbitmq-stream.conf;").doesNotContain("load_module /");
		RealValidators.assertNginxAccepts(content, "rabbitmq-stream.conf", OperatingSystem.LINUX, check);
	}

	@Test
	@Order(4)
	void anIncludeFileInsideStreamTakesItsOwnUpstreamNameAndTheLayoutCardSaysWhatWasRead(@TempDir Path check)
			throws Exception {
		this.browser.click(By.cssSelector("[data-testid=edit-balancer]"));
		this.browser.click(By.id("layout-STREAM_INCLUDE"));
		this.browser.type("configPath", "");
		this.browser.type("upstreamName", "downloads-amqp");
		this.browser.click(By.cssSelector("[data-testid=save]"));
		assertThat(this.browser.find(By.id("upstreamName-error")).getText()).contains("only letters, digits and _");
		this.browser.type("upstreamName", "downloads_amqp");
		this.browser.click(By.cssSelector("[data-testid=save]"));
		this.browser.find(By.cssSelector("[data-testid=flash-success]"));
		assertThat(this.browser.find(By.cssSelector("[data-testid=upstream-name]")).getText())
			.isEqualTo("downloads_amqp");

		this.browser.click(By.cssSelector("[data-testid=download-config]"));
		String content = Files.readString(awaitDownload("rabbitmq.conf"));
		assertThat(content).contains("upstream downloads_amqp {", "#     include /etc/nginx/stream.d/rabbitmq.conf;")
			.doesNotContain("\nstream {");
		RealValidators.assertNginxAccepts(content, "rabbitmq.conf", OperatingSystem.LINUX, check);

		// The host of this balancer has no SSH server: the card says so instead of a
		// layout it could not read.
		this.browser.click(By.cssSelector("[data-testid=read-layout]"));
		String card = this.browser.find(By.cssSelector("[data-testid=layout-problem]")).getText();
		assertThat(card).isEqualTo("a push would be refused");
		assertThat(this.browser.find(By.cssSelector("[data-testid=layout-card]")).getText()).contains("Could not read");
		this.browser.screenshot("balancer-layout");
	}

	private Path awaitDownload(String name) {
		Path file = downloads.resolve(name);
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(15))
			.until((driver) -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
		return file;
	}

	private static Map<String, Object> server(String name, int amqpPort) {
		Map<String, Object> body = Json.server(name);
		body.put("host", "127.0.0.1");
		body.put("nodeName", "rabbit@" + name);
		body.put("amqpPort", amqpPort);
		body.put("managementPort", amqpPort + 10000);
		return body;
	}

}
