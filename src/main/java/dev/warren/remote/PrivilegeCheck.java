package dev.warren.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a host, read-only, whether its SSH user has what Warren is about to need:
 * {@code sudo -n -l <command>} for each command Warren will run through sudo (it names
 * the full path sudo would run, and changes nothing), {@code test -w} and {@code test -r}
 * as the user for the paths it will write and read. Missing privileges are named one by
 * one; the drop-in that grants the commands uses the full paths the host itself resolved.
 */
public final class PrivilegeCheck {

	/** sudo's secure_path on Debian and most distributions, in its order. */
	private static final String FIND = "for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do "
			+ "if [ -x \"$d/$1\" ]; then echo \"$d/$1\"; exit 0; fi; done; exit 1";

	private PrivilegeCheck() {
	}

	/**
	 * @param sudoCommands the commands as Warren will run them through sudo (their
	 * arguments matter where a sudoers rule names some)
	 */
	public static Result run(RemoteSession session, String sshUser, List<CommandLine> sudoCommands,
			List<String> writablePaths, List<String> readablePaths, Duration timeout) {
		List<String> missing = new ArrayList<>();
		List<String> fullPaths = new ArrayList<>();
		StringBuilder evidence = new StringBuilder();
		for (CommandLine command : sudoCommands) {
			List<String> arguments = new ArrayList<>(List.of("sudo", "-n", "-l"));
			arguments.addAll(command.arguments());
			CommandResult listed = session.runAsLoginUser(new CommandLine(arguments), timeout, OutputListener.NONE);
			evidence.append("$ ").append(listed.command()).append("\n");
			if (listed.output() != null && !listed.output().isBlank()) {
				evidence.append(listed.output().strip()).append("\n");
			}
			evidence.append("(exit ").append(listed.exitCode()).append(")\n");
			String path;
			if (listed.succeeded() && !listed.stdout().isBlank()) {
				path = listed.stdout().strip().split("\\s+")[0];
			}
			else {
				path = fullPath(session, command.program(), timeout);
				missing.add((listed.exitCode() == 127) ? "sudo is not installed (needed for " + path + ")"
						: "sudo -n " + path + " (" + String.join(" ", command.arguments()) + ")");
			}
			fullPaths.add(path);
		}
		for (String path : writablePaths) {
			CommandResult writable = session.runAsLoginUser(CommandLine.of("test", "-w", path), timeout,
					OutputListener.NONE);
			evidence.append("$ ")
				.append(writable.command())
				.append("\n(exit ")
				.append(writable.exitCode())
				.append(")\n");
			if (!writable.succeeded()) {
				missing.add("write " + path + " as " + sshUser);
			}
		}
		for (String path : readablePaths) {
			// A file that is not there yet (a first push) is no missing privilege.
			CommandResult readable = session.runAsLoginUser(
					CommandLine.of("sh", "-c", "[ ! -e \"$1\" ] || [ -r \"$1\" ]", "sh", path), timeout,
					OutputListener.NONE);
			evidence.append("$ ")
				.append(readable.command())
				.append("\n(exit ")
				.append(readable.exitCode())
				.append(")\n");
			if (!readable.succeeded()) {
				missing.add("read " + path + " as " + sshUser);
			}
		}
		return new Result(List.copyOf(missing), List.copyOf(fullPaths), evidence.toString());
	}

	private static String fullPath(RemoteSession session, String program, Duration timeout) {
		if (program.startsWith("/")) {
			return program;
		}
		CommandResult found = session.runAsLoginUser(CommandLine.of("sh", "-c", FIND, "sh", program), timeout,
				OutputListener.NONE);
		return (found.succeeded() && found.stdout().strip().startsWith("/")) ? found.stdout().strip() : program;
	}

	/**
	 * @param missing each privilege the user lacks, in words
	 * @param fullPaths the full path of each sudo command, in the order asked
	 * @param evidence the commands asked and the host's answers
	 */
	public record Result(List<String> missing, List<String> fullPaths, String evidence) {

		public boolean complete() {
			return this.missing.isEmpty();
		}

	}

}
