package dev.warren.system;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console-wide settings.
 *
 * @param dataDir where the H2 database and the secrets key live
 * @param admin the first admin, created at start-up when no user exists yet
 * @param loginThrottle how repeated failed logins are slowed down
 */
@ConfigurationProperties("warren")
public record WarrenProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Admin admin,
		@DefaultValue LoginThrottle loginThrottle) {

	/**
	 * From {@code WARREN_ADMIN_USERNAME} and {@code WARREN_ADMIN_PASSWORD}; ignored once
	 * any user exists.
	 */
	public record Admin(String username, String password) {

	}

	/**
	 * Throttling counts failures per user name <em>and</em> client address, so that
	 * someone guessing from elsewhere never locks a user out of their own address.
	 *
	 * @param maxFailures failed attempts for one user name from one address (or from one
	 * address for any names, times four) before logins wait
	 * @param firstDelay the wait after the first failure past {@code maxFailures}; it
	 * doubles with every further failure
	 * @param window the longest wait, and how long failures are remembered
	 */
	public record LoginThrottle(@DefaultValue("5") int maxFailures, @DefaultValue("1s") Duration firstDelay,
			@DefaultValue("15m") Duration window) {

	}

}
