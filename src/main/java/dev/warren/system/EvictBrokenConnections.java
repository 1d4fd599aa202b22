package dev.warren.system;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to throw away a connection whose database has gone, so the
 * next request opens a new one instead of failing on the same dead connection. Hikari
 * already does this for SQL states 08xxx (PostgreSQL); H2 reports a closed database with
 * states of its own (90098, 90121), which Hikari would otherwise keep in the pool.
 */
public final class EvictBrokenConnections implements SQLExceptionOverride {

	@java.lang.Override
	public SQLExceptionOverride.Override adjudicate(SQLException failure) {
		return DatabaseFailures.isConnectionFailure(failure) ? SQLExceptionOverride.Override.MUST_EVICT
				: SQLExceptionOverride.Override.CONTINUE_EVICT;
	}

}
