package dev.warren.inventory;

/**
 * The server's operating system: it decides how commands are quoted and where
 * {@code rabbitmqctl} lives by default.
 */
public enum OperatingSystem {

	LINUX("/usr/sbin/rabbitmqctl"),

	WINDOWS("rabbitmqctl.bat");

	private final String defaultRabbitmqctlPath;

	OperatingSystem(String defaultRabbitmqctlPath) {
		this.defaultRabbitmqctlPath = defaultRabbitmqctlPath;
	}

	public String defaultRabbitmqctlPath() {
		return this.defaultRabbitmqctlPath;
	}

}
