package dev.warren.remote;

import dev.warren.inventory.OperatingSystem;

/**
 * How a command line is written for the shell that OpenSSH starts on the server: a POSIX
 * shell on Linux, {@code cmd.exe} on Windows.
 */
public enum ShellDialect {

	POSIX, WINDOWS_CMD;

	public static ShellDialect of(OperatingSystem os) {
		return (os == OperatingSystem.WINDOWS) ? WINDOWS_CMD : POSIX;
	}

	/**
	 * Quotes every argument so that the shell passes it to the program unchanged.
	 * @throws IllegalArgumentException for an argument that cannot be passed safely (for
	 * example a line break, or {@code %} and {@code "} for {@code cmd.exe})
	 */
	public String render(CommandLine command) {
		throw new UnsupportedOperationException("implemented with the remote module");
	}

}
