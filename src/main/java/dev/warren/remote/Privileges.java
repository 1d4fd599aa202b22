package dev.warren.remote;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Warren needs on one host to do its work there: the programs it runs through
 * {@code sudo -n} (full paths), the paths it must write and read as the SSH user, and a
 * sudoers drop-in that grants exactly those programs (valid for {@code visudo -c -f}).
 *
 * @param sshUser who logs in
 * @param sudo whether Warren runs commands through {@code sudo -n} on this host
 * @param sudoers the drop-in to copy to {@code /etc/sudoers.d/warren} (empty when no sudo
 * is used)
 * @param commands the programs Warren runs through sudo, as full paths
 * @param writablePaths what the SSH user itself must be able to write
 * @param readablePaths what the SSH user itself must be able to read
 * @param notes what else to know, in words
 */
public record Privileges(String sshUser, boolean sudo, String sudoers, List<String> commands,
		List<String> writablePaths, List<String> readablePaths, List<String> notes) {

	private static final Pattern SUDOERS_SPECIAL = Pattern.compile("([,:=\\\\ ])");

	public Privileges {
		commands = List.copyOf(commands);
		writablePaths = List.copyOf(writablePaths);
		readablePaths = List.copyOf(readablePaths);
		notes = List.copyOf(notes);
	}

	/**
	 * The privileges for {@code commands} (full paths, in the order Warren needs them),
	 * with the drop-in that grants them.
	 */
	public static Privileges of(String sshUser, boolean sudo, List<String> commands, List<String> writablePaths,
			List<String> readablePaths, List<String> notes) {
		List<String> distinct = commands.stream().distinct().toList();
		return new Privileges(sshUser, sudo, sudo ? dropIn(sshUser, distinct) : "", distinct, writablePaths,
				readablePaths, notes);
	}

	/**
	 * {@code user ALL=(root) NOPASSWD: /a, /b}: those programs with any arguments, as
	 * root, without a password (Warren never types one).
	 */
	public static String dropIn(String sshUser, List<String> commands) {
		if (commands.isEmpty()) {
			return "";
		}
		return "# Warren: what it runs through sudo -n as " + sshUser + " (visudo -c -f this file)\n" + sshUser
				+ " ALL=(root) NOPASSWD: "
				+ commands.stream().map(Privileges::escaped).collect(Collectors.joining(", ")) + "\n";
	}

	private static String escaped(String path) {
		return SUDOERS_SPECIAL.matcher(path).replaceAll(Matcher.quoteReplacement("\\") + "$1");
	}

}
