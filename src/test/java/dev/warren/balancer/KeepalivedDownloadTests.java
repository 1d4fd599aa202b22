package dev.warren.balancer;

import java.util.Map;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keepalived.conf download for a cluster's balancers, on the API and from the cluster
 * page's form, and its validated inputs.
 */
@WarrenTest
class KeepalivedDownloadTests {

	@Autowired
	MockMvcTester mvc;

	Api api;

	long cluster;

	long first;

	long second;

	String secondName;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.cluster = this.api.cluster(this.api.server("LINUX"));
		this.first = balancer("NGINX", Api.unique("lb-a"));
		this.secondName = Api.unique("lb-b");
		this.second = balancer("HAPROXY", this.secondName);
	}

	@Test
	void downloadsTheBackupsFileAsAnAttachment() {
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/clusters/{id}/keepalived.conf?virtualIp=192.0.2.10/24&interface=eth0&routerId=51"
					+ "&masterBalancerId={m}&balancerId={b}", this.cluster, this.first, this.second)
			.with(asViewer())
			.exchange();
		assertThat(result).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"keepalived.conf\"")
			.bodyText()
			.contains("# keepalived.conf for balancer '" + this.secondName + "' (BACKUP)", "state BACKUP",
					"virtual_router_id 51", "192.0.2.10/24 dev eth0", "pidof haproxy");
	}

	@Test
	void namesEveryWrongParameter() {
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/clusters/{id}/keepalived.conf?virtualIp=10.0.0.300&interface=eth0;reboot&routerId=256"
					+ "&masterBalancerId=987654", this.cluster)
			.with(asViewer())
			.exchange();
		assertThat(result).hasStatus(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("virtualIp", "interface", "routerId", "masterBalancerId", "balancerId");
	}

	@Test
	void needsTwoBalancersInTheCluster() {
		long lonely = this.api.cluster(this.api.server("LINUX"));
		Map<String, Object> body = Json.map("name", Api.unique("alone"), "kind", "NGINX", "clusterId", lonely,
				"hostServerId", this.api.server("LINUX"), "listenPort", 5672);
		long only = Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
		assertThat(this.mvc.get()
			.uri("/api/v1/clusters/{id}/keepalived.conf?virtualIp=192.0.2.10&interface=eth0&routerId=5"
					+ "&masterBalancerId={m}", lonely, only)
			.with(asViewer())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.contains("a shared virtual IP needs at least two");
		assertThat(this.mvc.get().uri("/api/v1/clusters/987654/keepalived.conf").with(asViewer())).hasStatus(404);
	}

	@Test
	void theClusterPageOffersTheFormAndShowsWhatIsWrong() {
		var session = Accounts.login(this.mvc, Accounts.VIEWER);
		assertThat(this.mvc.get().uri("/clusters/{id}/balancers", this.cluster).session(session)).hasStatusOk()
			.bodyText()
			.contains("data-testid=\"keepalived-form\"", "name=\"virtualIp\"", "name=\"masterBalancerId\"");
		assertThat(this.mvc.get()
			.uri("/clusters/{id}/keepalived.conf?virtualIp=192.0.2.10&interface=eth0&routerId=9&masterBalancerId={m}",
					this.cluster, this.first)
			.session(session)).hasStatusOk().bodyText().contains("state MASTER", "pidof nginx");
		MvcTestResult wrong = this.mvc.get()
			.uri("/clusters/{id}/keepalived.conf?virtualIp=nope&interface=eth0&routerId=9&masterBalancerId={m}",
					this.cluster, this.first)
			.session(session)
			.exchange();
		assertThat(wrong).hasStatus(303);
		assertThat(wrong.getResponse().getHeader("Location")).isEqualTo("/clusters/" + this.cluster);
		assertThat(this.mvc.get().uri("/clusters/{id}", this.cluster).session(session)).hasStatusOk()
			.bodyText()
			.contains("keepalived.conf: virtualIp: must be an IPv4 address");
	}

	private long balancer(String kind, String name) {
		Map<String, Object> body = Json.map("name", name, "kind", kind, "clusterId", this.cluster, "hostServerId",
				this.api.server("LINUX"), "listenPort", 5672);
		return Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
	}

}
