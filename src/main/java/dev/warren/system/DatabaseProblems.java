package dev.warren.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * One wording and one log line per kind of database failure, for pages and the API alike.
 */
@Component
class DatabaseProblems {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseProblems.class);

	static final String UNAVAILABLE = "Warren's database did not answer, so nothing of this request was stored. "
			+ "The console reconnects by itself as soon as the database is back; the console log names the database "
			+ "and its error.";

	static final String CONFLICT = "The change conflicts with another record (a duplicate name, or a reference to "
			+ "something in use); reload and try again";

	static final String UNEXPECTED = "The database refused the change for a reason Warren did not expect; nothing "
			+ "was stored. The console log names the constraint.";

	private final String database;

	DatabaseProblems(Environment environment) {
		this.database = withoutParameters(environment.getProperty("spring.datasource.url", "(no URL configured)"));
	}

	/** Logs the failure as what it is and tells which of the three it is. */
	DatabaseFailures classify(Throwable failure) {
		DatabaseFailures kind = DatabaseFailures.of(failure);
		switch (kind) {
			case UNAVAILABLE -> logger.error("The database {} is unavailable: {}", this.database,
					DatabaseFailures.rootMessage(failure));
			case CONFLICT -> logger.info("Refused a change that conflicts with a stored record: {}",
					DatabaseFailures.rootMessage(failure));
			case UNEXPECTED -> logger.error("The database {} refused a change Warren did not expect (SQL state {})",
					this.database, DatabaseFailures.sqlState(failure).orElse("none"), failure);
		}
		return kind;
	}

	/**
	 * Settings and credentials (H2's {@code ;KEY=value}, JDBC's {@code ?user=}) stay out
	 * of the log.
	 */
	static String withoutParameters(String url) {
		int cut = url.length();
		for (char separator : new char[] { ';', '?' }) {
			int at = url.indexOf(separator);
			if (at >= 0) {
				cut = Math.min(cut, at);
			}
		}
		return url.substring(0, cut);
	}

}
