package dev.warren.inventory;

import java.util.List;
import java.util.Map;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.PostgresSchemas;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The same migrations, repositories and API against the lab's real PostgreSQL.
 */
@LabTest
@WarrenTest
class PostgresInventoryTests {

	static String schema;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		Lab.find().ifPresent((lab) -> schema = PostgresSchemas.use(registry, lab));
	}

	@AfterAll
	static void dropSchema() {
		if (schema != null) {
			Lab.find().ifPresent((lab) -> PostgresSchemas.drop(lab, schema));
		}
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Test
	void runsOnPostgresql() {
		assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
		assertThat(this.jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
			.isPositive();
	}

	@Test
	void storesServersClustersAndBalancersWithTheirAudit() {
		Api api = new Api(this.mvc);
		long a = api.server("LINUX");
		long b = api.server("LINUX");
		long host = api.server("LINUX");
		long cluster = api.cluster(a, b);
		Map<String, Object> balancer = Json.map("name", Api.unique("pg-lb"), "kind", "HAPROXY", "clusterId", cluster,
				"hostServerId", host, "listenPort", 5672);
		assertThat(api.post("/api/v1/balancers", balancer)).hasStatus(201);
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}", cluster).with(Accounts.asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.memberServerIds")
			.asArray()
			.containsExactly((int) a, (int) b);
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", a).with(Accounts.asAdmin())).hasStatus(409);
		assertThat(this.auditLog.search(new AuditFilter("admin", "CREATE", "BALANCER", null), 0).getTotalElements())
			.isPositive();
	}

	@Test
	void theSchemaItselfRefusesANodeInTwoClusters() {
		Api api = new Api(this.mvc);
		long a = api.server("LINUX");
		long first = api.cluster(a);
		long second = api.cluster(api.server("LINUX"));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> this.jdbc.update("insert into cluster_member (cluster_id, server_id) values (?, ?)", second, a));
		assertThat(this.jdbc.queryForList("select cluster_id from cluster_member where server_id = ?", Long.class, a))
			.isEqualTo(List.of(first));
	}

}
