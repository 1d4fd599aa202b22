package dev.warren.balancer;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WarrenTest
class BalancerPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Balancers balancers;

	Api api;

	long cluster;

	long host;

	MockHttpSession session;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.cluster = this.api.cluster(this.api.server("LINUX"));
		this.host = this.api.server("LINUX");
		this.session = Accounts.login(this.mvc, Accounts.OPERATOR);
	}

	@Test
	void offersEverySettingWithItsDefaultAndTheTimeoutsFolded() {
		assertThat(this.mvc.get().uri("/balancers/new").session(this.session)).hasStatusOk()
			.bodyText()
			.contains("Round robin", "Least connections", "Hash by client address", "Complete nginx.conf",
					"Include file for an existing nginx.conf", "Balance the management UI and HTTP API too",
					"Send the PROXY protocol to RabbitMQ", "proxy_protocol = true", "Failure detection and timeouts",
					"id=\"timeouts\" class=\"collapse\"", "name=\"idleTimeoutSeconds\" value=\"120\"",
					"name=\"checkIntervalMillis\" value=\"1000\"", "id=\"kind-NGINX\"", "id=\"method-ROUND_ROBIN\"")
			.containsPattern("id=\"method-ROUND_ROBIN\"[^>]*checked");
	}

	@Test
	void showsAMistakeInTheFoldedSectionOpenedAndKeepsTheOtherInput() {
		MvcTestResult result = this.mvc.post()
			.uri("/balancers")
			.session(this.session)
			.with(csrf())
			.param("name", Api.unique("page-lb"))
			.param("kind", "HAPROXY")
			.param("clusterId", String.valueOf(this.cluster))
			.param("hostServerId", String.valueOf(this.host))
			.param("listenPort", "5672")
			.param("balancingMethod", "HASH_CLIENT_ADDRESS")
			.param("checkFall", "zero")
			.param("checkRise", "0")
			.param("managementListenPort", "15672")
			.exchange();
		assertThat(result).hasStatusOk()
			.bodyText()
			.contains("id=\"timeouts\" class=\"collapse show\"", "must be between 1 and 100 checks", "is-invalid")
			.containsPattern("id=\"method-HASH_CLIENT_ADDRESS\"[^>]*checked")
			.containsPattern("id=\"kind-HAPROXY\"[^>]*checked");
	}

	@Test
	void savesTheSettingsAndShowsThemWithTheConfigAndItsWarnings() {
		String name = Api.unique("page-lb");
		MvcTestResult created = this.mvc.post()
			.uri("/balancers")
			.session(this.session)
			.with(csrf())
			.param("name", name)
			.param("kind", "NGINX")
			.param("clusterId", String.valueOf(this.cluster))
			.param("hostServerId", String.valueOf(this.host))
			.param("listenPort", "5672")
			.param("balancingMethod", "LEAST_CONNECTIONS")
			.param("nginxLayout", "INCLUDE")
			.param("connectTimeoutSeconds", "")
			.param("idleTimeoutSeconds", "90")
			.param("maxFails", "2")
			.param("failTimeoutSeconds", "20")
			.param("balanceManagement", "true")
			.param("managementListenPort", "15680")
			.param("proxyProtocol", "true")
			.exchange();
		assertThat(created).hasStatus3xxRedirection();
		BalancerView balancer = this.balancers.list()
			.stream()
			.filter((b) -> b.name().equals(name))
			.findFirst()
			.orElseThrow();
		assertThat(balancer.settings()).isEqualTo(new BalancerSettings(BalancingMethod.LEAST_CONNECTIONS, 5, 90, 2, 20,
				1000, 2, 1, true, 15680, true, NginxLayout.INCLUDE, BalancerSettings.DEFAULT_UPSTREAM_NAME));
		assertThat(balancer.configPath()).isEqualTo("/etc/nginx/rabbitmq-stream.conf");
		assertThat(this.mvc.get().uri("/balancers/{id}", balancer.id()).session(this.session)).hasStatusOk()
			.bodyText()
			.contains("Least connections", "max_fails=2 fail_timeout=20s", "sent to RabbitMQ", "0.0.0.0:15680",
					"Include file for an existing nginx.conf", "less than twice RabbitMQ&#39;s default heartbeat",
					"Download <span>rabbitmq-stream.conf</span>", "proxy_protocol on;");
		assertThat(this.mvc.get().uri("/balancers/{id}/edit", balancer.id()).session(this.session)).hasStatusOk()
			.bodyText()
			.contains("name=\"idleTimeoutSeconds\" value=\"90\"")
			.containsPattern("id=\"layout-INCLUDE\"[^>]*checked");
	}

}
