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
	 * @param maxFailures failed attempts for one user name (or from one address, times
	 * four) within {@code window} before logins are refused
	 * @param window how long failures are remembered and the lock lasts
	 */
	public record LoginThrottle(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window) {

	}

}
