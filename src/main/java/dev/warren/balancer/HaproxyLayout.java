package dev.warren.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an HAProxy config says about the process that reads it: its runtime API sockets
 * ({@code stats socket}, with their level), its pid file, whether it runs as master and
 * workers, and its chroot. Warren reaches the runtime API through an {@code admin}-level
 * socket.
 *
 * @param statsSockets every {@code stats socket} of the {@code global} section
 * @param pidFile the {@code pidfile}, if set
 * @param masterWorker {@code master-worker} is set (HAProxy reloads by signal to the
 * master; {@code -W} on the command line does the same and is not visible here)
 * @param chroot the {@code chroot}, if set
 */
record HaproxyLayout(List<StatsSocket> statsSockets, Optional<String> pidFile, boolean masterWorker,
		Optional<String> chroot) {

	private static final Pattern SECTION = Pattern.compile("^(global|defaults|frontend|backend|listen|peers|"
			+ "resolvers|userlist|program|http-errors|ring|cache|mailers)\\b.*");

	private static final Pattern SOCKET = Pattern.compile("^stats\\s+socket\\s+(\\S+)(.*)$");

	private static final Pattern LEVEL = Pattern.compile("\\blevel\\s+(user|operator|admin)\\b");

	static HaproxyLayout parse(String config) {
		List<StatsSocket> sockets = new ArrayList<>();
		String pid = null;
		String chroot = null;
		boolean masterWorker = false;
		boolean global = false;
		for (String raw : config.split("\\R")) {
			String line = raw.replaceAll("(?<!\\\\)#.*$", "").strip();
			if (line.isEmpty()) {
				continue;
			}
			if (SECTION.matcher(line).matches()) {
				global = line.startsWith("global");
				continue;
			}
			if (!global) {
				continue;
			}
			Matcher socket = SOCKET.matcher(line);
			if (socket.matches()) {
				Matcher level = LEVEL.matcher(socket.group(2));
				// HAProxy's default level for a stats socket is "user" (read-only).
				sockets.add(new StatsSocket(socket.group(1), level.find() ? level.group(1) : "user"));
			}
			else if (line.startsWith("pidfile ")) {
				pid = line.substring("pidfile ".length()).strip();
			}
			else if (line.equals("master-worker")) {
				masterWorker = true;
			}
			else if (line.startsWith("chroot ")) {
				chroot = line.substring("chroot ".length()).strip();
			}
		}
		return new HaproxyLayout(List.copyOf(sockets), Optional.ofNullable(pid), masterWorker,
				Optional.ofNullable(chroot));
	}

	/** The first socket that takes runtime commands such as {@code set server}. */
	Optional<StatsSocket> adminSocket() {
		return this.statsSockets.stream().filter((socket) -> socket.level().equals("admin")).findFirst();
	}

	/**
	 * One {@code stats socket}: a UNIX socket path ({@code ipv4@…} and other addresses
	 * are kept as written).
	 */
	record StatsSocket(String address, String level) {

		boolean unix() {
			return !this.address.contains("@") || this.address.startsWith("unix@");
		}

		String path() {
			return this.address.startsWith("unix@") ? this.address.substring("unix@".length()) : this.address;
		}

	}

}
