package dev.warren.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a database failure means for the person who caused the write: the database is not
 * there (closed, unreachable, out of connections), or it refused a row that conflicts
 * with another (a duplicate, a reference in use), or it refused a row for a reason the
 * code did not expect (a bug: the code let a value through that the schema forbids).
 */
enum DatabaseFailures {

	UNAVAILABLE, CONFLICT, UNEXPECTED;

	/**
	 * unique_violation, foreign_key_violation; H2 also says 23506 for a missing parent.
	 */
	private static final Set<String> CONFLICT_STATES = Set.of("23505", "23503", "23506");

	/**
	 * H2's "database has been closed" and "database is already closed" (SQL state =
	 * code).
	 */
	private static final Set<String> CLOSED_STATES = Set.of("90098", "90121");

	static DatabaseFailures of(Throwable failure) {
		if (isUnavailable(failure)) {
			return UNAVAILABLE;
		}
		String state = sqlState(failure).orElse("");
		return CONFLICT_STATES.contains(state) ? CONFLICT : UNEXPECTED;
	}

	/**
	 * Anywhere in the chain, not only at the top: a CHECK constraint that H2 could not
	 * evaluate because its database closed is a {@code DataIntegrityViolationException}
	 * caused by a closed connection.
	 */
	static boolean isUnavailable(Throwable failure) {
		return causes(failure).anyMatch((cause) -> cause instanceof CannotCreateTransactionException
				|| cause instanceof DataAccessResourceFailureException
				|| (cause instanceof SQLException sql && isConnectionFailure(sql)));
	}

	/**
	 * This exception itself says the connection or its database is gone (not one of its
	 * causes).
	 */
	static boolean isConnectionFailure(SQLException failure) {
		String state = (failure.getSQLState() != null) ? failure.getSQLState() : "";
		return failure instanceof SQLTransientConnectionException
				|| failure instanceof SQLNonTransientConnectionException || failure instanceof SQLRecoverableException
				|| state.startsWith("08") || CLOSED_STATES.contains(state);
	}

	/** The innermost SQL state, which is the database's own. */
	static Optional<String> sqlState(Throwable failure) {
		return causes(failure).filter(SQLException.class::isInstance)
			.map((cause) -> ((SQLException) cause).getSQLState())
			.filter(Objects::nonNull)
			.reduce((outer, inner) -> inner);
	}

	static String rootMessage(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private static Stream<Throwable> causes(Throwable failure) {
		return Stream.iterate(failure, Objects::nonNull,
				(cause) -> (cause.getCause() == cause) ? null : cause.getCause());
	}

}
