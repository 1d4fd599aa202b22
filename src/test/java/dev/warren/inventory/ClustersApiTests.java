package dev.warren.inventory;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.warren.support.Accounts.asAdmin;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

@WarrenTest
class ClustersApiTests {

	@Autowired
	MockMvcTester mvc;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
	}

	@Test
	void createsAClusterWithThePrimaryFirstAmongItsMembers() {
		long a = this.api.server("LINUX");
		long b = this.api.server("LINUX");
		long c = this.api.server("LINUX");
		var result = this.api.post("/api/v1/clusters",
				Json.map("name", Api.unique("ha"), "primaryServerId", b, "memberServerIds", new long[] { a, c }));
		assertThat(result).hasStatus(201)
			.hasHeader("Location", "http://localhost/api/v1/clusters/" + Json.id(Api.body(result, 201)));
		assertThat(result).bodyJson()
			.extractingPath("$.memberServerIds")
			.asArray()
			.containsExactly((int) b, (int) a, (int) c);
		assertThat(result).bodyJson().extractingPath("$.members[0].primary").isEqualTo(true);
	}

	@Test
	void refusesAServerThatIsAlreadyInAnotherCluster() {
		long a = this.api.server("LINUX");
		long b = this.api.server("LINUX");
		this.api.cluster(a);
		assertThat(this.api.post("/api/v1/clusters",
				Json.map("name", Api.unique("second"), "primaryServerId", b, "memberServerIds", new long[] { a })))
			.hasStatus(409)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("memberServerIds");
	}

	@Test
	void refusesUnknownServersAndServersWithoutNodeName() {
		assertThat(this.api.post("/api/v1/clusters", Json.map("name", Api.unique("ghost"), "primaryServerId", 999999)))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("primaryServerId");
		var body = Json.server(Api.unique("nonode"));
		body.remove("nodeName");
		long noNode = Json.id(Api.body(this.api.post("/api/v1/servers", body), 201));
		assertThat(this.api.post("/api/v1/clusters", Json.map("name", Api.unique("x"), "primaryServerId", noNode)))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].message")
			.asString()
			.contains("no RabbitMQ node name");
	}

	@Test
	void refusesMissingOrUnsafeNamesAndDuplicates() {
		long a = this.api.server("LINUX");
		assertThat(this.api.post("/api/v1/clusters", Json.map("primaryServerId", a))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("name");
		assertThat(this.api.post("/api/v1/clusters", Json.map("name", "bad\nname", "primaryServerId", a)))
			.hasStatus(400);
		assertThat(this.api.post("/api/v1/clusters", Json.map("name", "x".repeat(65), "primaryServerId", a)))
			.hasStatus(400);
		String name = Api.unique("dup");
		this.api.cluster(a);
		long b = this.api.server("LINUX");
		long c = this.api.server("LINUX");
		assertThat(this.api.post("/api/v1/clusters", Json.map("name", name, "primaryServerId", b))).hasStatus(201);
		assertThat(this.api.post("/api/v1/clusters", Json.map("name", name, "primaryServerId", c))).hasStatus(409);
	}

	@Test
	void updatesMembersAndPrimary() {
		long a = this.api.server("LINUX");
		long b = this.api.server("LINUX");
		long id = this.api.cluster(a, b);
		String name = Api.unique("renamed");
		assertThat(this.api.put("/api/v1/clusters/" + id, Json.map("name", name, "primaryServerId", b))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.memberServerIds")
			.asArray()
			.containsExactly((int) b);
		// a left the cluster, so it can join another one
		this.api.cluster(a);
	}

	@Test
	void deletesAClusterAndAnswersNotFoundForUnknownIds() {
		long id = this.api.cluster(this.api.server("LINUX"));
		assertThat(this.mvc.delete().uri("/api/v1/clusters/{id}", id).with(asViewer())).hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/v1/clusters/{id}", id).with(asAdmin())).hasStatus(204);
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}", id).with(asAdmin())).hasStatus(404);
		assertThat(this.api.put("/api/v1/clusters/424242", Json.map("name", "x", "primaryServerId", 1))).hasStatus(404);
		assertThat(this.mvc.get().uri("/api/v1/clusters").with(asViewer())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/clusters")).hasStatus(401);
	}

}
