package dev.warren.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The real parts that {@code lab/start} runs on loopback, as described by its
 * {@code lab.properties} ({@code WARREN_LAB_STATE}, else
 * {@code /tmp/warren-lab/lab.properties}).
 */
public final class Lab {

	private final Properties properties;

	private Lab(Properties properties) {
		this.properties = properties;
	}

	public static Path stateFile() {
		String configured = System.getenv("WARREN_LAB_STATE");
		return Path.of((configured != null && !configured.isBlank()) ? configured : "/tmp/warren-lab/lab.properties");
	}

	public static Optional<Lab> find() {
		Path file = stateFile();
		if (!Files.isReadable(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
		return Optional.of(new Lab(properties));
	}

	public static boolean isRequired() {
		return "true".equalsIgnoreCase(System.getenv("WARREN_LAB_REQUIRED"));
	}

	public String get(String key) {
		String value = this.properties.getProperty(key);
		if (value == null) {
			throw new IllegalStateException("lab.properties has no '" + key + "'; is the lab up to date?");
		}
		return value;
	}

	public int port(String key) {
		return Integer.parseInt(get(key));
	}

	public String postgresUrl() {
		return get("postgres.url");
	}

	public String postgresUser() {
		return get("postgres.user");
	}

	public String postgresPassword() {
		return get("postgres.password");
	}

}
