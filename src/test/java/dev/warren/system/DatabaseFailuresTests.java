package dev.warren.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Real H2 errors, translated as Spring translates them, sorted into the three answers.
 */
class DatabaseFailuresTests {

	private final SQLErrorCodeSQLExceptionTranslator translator = new SQLErrorCodeSQLExceptionTranslator("H2");

	@Test
	void aDuplicateIsAConflictButARefusedCheckIsNot() throws SQLException {
		try (Connection connection = DriverManager
			.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
				Statement statement = connection.createStatement()) {
			statement.execute("create table t(id int primary key, role varchar(20) check (role in ('A', 'B')))");
			statement.execute("insert into t values (1, 'A')");

			SQLException duplicate = catchThrowableOfType(SQLException.class,
					() -> statement.execute("insert into t values (1, 'B')"));
			assertThat(DatabaseFailures.of(translate(duplicate))).isEqualTo(DatabaseFailures.CONFLICT);

			SQLException check = catchThrowableOfType(SQLException.class,
					() -> statement.execute("insert into t values (2, 'C')"));
			assertThat(translate(check)).isInstanceOf(DataIntegrityViolationException.class);
			assertThat(DatabaseFailures.of(translate(check))).as("a value the code let through: a bug, not a 409")
				.isEqualTo(DatabaseFailures.UNEXPECTED);

			statement.execute("SHUTDOWN");
			SQLException closed = catchThrowableOfType(SQLException.class,
					() -> connection.createStatement().execute("select 1"));
			assertThat(DatabaseFailures.of(translate(closed))).isEqualTo(DatabaseFailures.UNAVAILABLE);
			assertThat(DatabaseFailures.isConnectionFailure(closed)).isTrue();
		}
	}

	@Test
	void aConstraintThatFailedBecauseItsDatabaseClosedIsUnavailableWithoutBreakingTheConnection() {
		// As H2 2.4.240 reported it: a check constraint violation caused by a closed
		// database.
		SQLException closed = new java.sql.SQLNonTransientConnectionException("The database has been closed", "90098");
		SQLException check = new java.sql.SQLIntegrityConstraintViolationException("Check constraint invalid", "23514",
				closed);
		assertThat(DatabaseFailures.of(translate(check))).isEqualTo(DatabaseFailures.UNAVAILABLE);
		assertThat(DatabaseFailures.isConnectionFailure(check))
			.as("the pool keeps this connection, so the transaction can still roll back")
			.isFalse();
	}

	@Test
	void postgresConnectionErrorsAreUnavailable() {
		assertThat(DatabaseFailures.of(new SQLException("terminating connection", "08006")))
			.isEqualTo(DatabaseFailures.UNAVAILABLE);
		assertThat(DatabaseFailures.of(new SQLException("duplicate key value", "23505")))
			.isEqualTo(DatabaseFailures.CONFLICT);
		assertThat(DatabaseFailures.of(new SQLException("null value in column", "23502")))
			.isEqualTo(DatabaseFailures.UNEXPECTED);
	}

	@Test
	void keepsSettingsAndCredentialsOutOfTheDatabaseName() {
		assertThat(DatabaseProblems.withoutParameters("jdbc:h2:file:./data/warren;DB_CLOSE_ON_EXIT=FALSE"))
			.isEqualTo("jdbc:h2:file:./data/warren");
		assertThat(DatabaseProblems.withoutParameters("jdbc:postgresql://db:5432/warren?password=secret"))
			.isEqualTo("jdbc:postgresql://db:5432/warren");
	}

	private RuntimeException translate(SQLException ex) {
		return this.translator.translate("test", null, ex);
	}

}
