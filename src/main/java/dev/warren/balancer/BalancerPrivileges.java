package dev.warren.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.Privileges;

/**
 * What a push to this balancer needs on its host: the commands it runs through sudo, the
 * paths the SSH user itself writes (the upload in {@code /tmp}, and the config directory
 * when files are written as the SSH user) and reads (the live file, over SFTP).
 *
 * @param privileges what the balancer page and {@code GET
 * /api/v1/balancers/{id}/privileges} show, with Debian's full paths for programs named
 * without one
 * @param sudoCommands the commands as the push runs them through sudo, for
 * {@code sudo -n -l}
 */
record BalancerPrivileges(Privileges privileges, List<CommandLine> sudoCommands) {

	/** Where Debian (and most distributions) install the programs a push runs. */
	private static final Map<String, String> DEBIAN_PATHS = Map.ofEntries(Map.entry("stat", "/usr/bin/stat"),
			Map.entry("mv", "/usr/bin/mv"), Map.entry("chown", "/usr/bin/chown"), Map.entry("chmod", "/usr/bin/chmod"),
			Map.entry("cp", "/usr/bin/cp"), Map.entry("cat", "/usr/bin/cat"), Map.entry("tail", "/usr/bin/tail"),
			Map.entry("rm", "/usr/bin/rm"), Map.entry("ps", "/usr/bin/ps"), Map.entry("ss", "/usr/bin/ss"),
			Map.entry("nginx", "/usr/sbin/nginx"), Map.entry("haproxy", "/usr/sbin/haproxy"),
			Map.entry("systemctl", "/usr/bin/systemctl"));

	/** The file work of a push, in the order it runs. */
	private static final List<String> FILE_PROGRAMS = List.of("stat", "mv", "chown", "chmod", "cp", "cat", "tail", "ps",
			"ss", "rm");

	/**
	 * @param content the config that will be pushed (its pid file and error log are read
	 * as the SSH user when files are)
	 */
	static BalancerPrivileges of(BalancerView balancer, ServerView host, String content) {
		boolean nginx = balancer.kind() == BalancerKind.NGINX;
		boolean filesAsUser = balancer.fileAccess() == FileAccess.SSH_USER || !host.useSudo();
		String path = balancer.configPath();
		List<CommandLine> sudo = new ArrayList<>();
		if (host.useSudo()) {
			if (balancer.fileAccess() == FileAccess.SUDO) {
				FILE_PROGRAMS.forEach((program) -> sudo.add(CommandLine.of(program)));
			}
			else if (!nginx) {
				sudo.add(CommandLine.of("ss"));
			}
			sudo.add(ConfiguredCommand.parse(balancer.validateCommand(), path + ".warren-new"));
			sudo.add(ConfiguredCommand.parse(balancer.reloadCommand(), path));
		}
		List<String> writable = new ArrayList<>(List.of("/tmp"));
		List<String> readable = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		if (filesAsUser) {
			writable.add(directory(path));
			if (nginx && content != null) {
				readable.add((balancer.pidFile() != null) ? balancer.pidFile()
						: first(Deployment.PID, content, "/run/nginx.pid"));
				readable.add((balancer.errorLog() != null) ? balancer.errorLog()
						: first(Deployment.ERROR_LOG, content, "/var/log/nginx/error.log"));
			}
			if (!host.useSudo()) {
				notes.add("Nothing goes through sudo: every command and file runs as " + host.sshUser() + " itself"
						+ ("root".equals(host.sshUser()) ? "." : ", which must be allowed to write " + directory(path)
								+ " and to validate and reload " + balancer.kind() + "."));
			}
			else {
				notes.add("The config file is written as " + host.sshUser() + " in " + directory(path)
						+ " (for example: chgrp " + host.sshUser() + " " + directory(path) + " && chmod g+w "
						+ directory(path) + "); the new file belongs to " + host.sshUser() + ".");
			}
		}
		else {
			notes.add("Only the live file itself is read as " + host.sshUser()
					+ " (over SFTP); everything else runs through sudo -n. To need sudo only for validate and reload, "
					+ "make " + directory(path) + " writable by the SSH user's group and set the balancer to write "
					+ "files as the SSH user.");
		}
		if (!nginx && host.useSudo()) {
			notes.add("With the cluster's ejection on, Warren also talks to HAProxy's runtime API through sudo -n: "
					+ "add /usr/bin/socat to the drop-in (" + host.sshUser()
					+ " ALL=(root) NOPASSWD: /usr/bin/socat).");
		}
		readable.add(0, path);
		List<String> commands = sudo.stream().map((command) -> fullPath(command.program())).toList();
		if (commands.stream().anyMatch((command) -> !command.startsWith("/"))) {
			notes.add("A program without a full path is where sudo's secure_path finds it on the host; the check "
					+ "before a push names the path the host resolved.");
		}
		return new BalancerPrivileges(
				Privileges.of(host.sshUser(), host.useSudo(), commands, writable, readable, notes), List.copyOf(sudo));
	}

	static String directory(String path) {
		int slash = path.lastIndexOf('/');
		return (slash > 0) ? path.substring(0, slash) : "/";
	}

	private static String fullPath(String program) {
		return program.startsWith("/") ? program : DEBIAN_PATHS.getOrDefault(program, program);
	}

	private static String first(Pattern pattern, String content, String fallback) {
		Matcher matcher = pattern.matcher(content);
		return matcher.find() ? matcher.group(1) : fallback;
	}

}
