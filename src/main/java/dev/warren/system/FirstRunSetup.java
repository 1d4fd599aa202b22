package dev.warren.system;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.warren.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * With no user in the database, either creates the admin named by
 * {@code WARREN_ADMIN_USERNAME} and {@code WARREN_ADMIN_PASSWORD}, or logs a one-time
 * token that {@code /setup} asks for.
 */
@Component
class FirstRunSetup implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(FirstRunSetup.class);

	private final Users users;

	private final WarrenProperties properties;

	private final Environment environment;

	private volatile String token;

	FirstRunSetup(Users users, WarrenProperties properties, Environment environment) {
		this.users = users;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.anyExists()) {
			return;
		}
		WarrenProperties.Admin admin = this.properties.admin();
		if (admin.username() != null && !admin.username().isBlank() && admin.password() != null) {
			Actor.runAs("WARREN_ADMIN_USERNAME",
					() -> this.users.create(admin.username(), admin.password(), Role.ADMIN));
			logger.info("Created the first admin '{}' from WARREN_ADMIN_USERNAME", admin.username().strip());
			return;
		}
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		this.token = HexFormat.of().formatHex(bytes);
		String port = this.environment.getProperty("local.server.port", "8080");
		logger.warn("""

				==================================================================
				 Warren has no users yet. Open http://localhost:{}/setup
				 and enter this one-time setup token to create the first admin:

				     {}
				==================================================================""", port, this.token);
	}

	boolean isPending() {
		return this.token != null && !this.users.anyExists();
	}

	/**
	 * Creates the first admin if the token is right and nobody did it first.
	 */
	synchronized UserView complete(String offeredToken, String username, String password) {
		if (!isPending()) {
			throw new IllegalStateException("Setup is already done");
		}
		if (offeredToken == null || !MessageDigest.isEqual(this.token.getBytes(StandardCharsets.UTF_8),
				offeredToken.strip().getBytes(StandardCharsets.UTF_8))) {
			throw new dev.warren.shared.InvalidFieldException("token",
					"is not the setup token; copy it from the console log");
		}
		UserView created = Actor.runAs("first-run setup", () -> this.users.create(username, password, Role.ADMIN));
		this.token = null;
		return created;
	}

}
