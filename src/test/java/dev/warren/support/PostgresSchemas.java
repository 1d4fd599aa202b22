package dev.warren.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of a test class's own in the lab's PostgreSQL, migrated by Flyway from empty.
 * Branches with different migrations (V7 here, V8 there) share the lab's database; in one
 * shared schema the first branch to migrate would make Flyway refuse every other one.
 */
public final class PostgresSchemas {

	private PostgresSchemas() {
	}

	/** Points the datasource and Flyway at a new schema; returns its name. */
	public static String use(DynamicPropertyRegistry registry, Lab lab) {
		String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		registry.add("spring.datasource.url", () -> lab.postgresUrl() + "?currentSchema=" + schema);
		registry.add("spring.datasource.username", lab::postgresUser);
		registry.add("spring.datasource.password", lab::postgresPassword);
		registry.add("spring.flyway.schemas", () -> schema);
		registry.add("spring.flyway.default-schema", () -> schema);
		return schema;
	}

	public static void drop(Lab lab, String schema) {
		try (Connection connection = DriverManager.getConnection(lab.postgresUrl(), lab.postgresUser(),
				lab.postgresPassword()); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop test schema " + schema, ex);
		}
	}

}
