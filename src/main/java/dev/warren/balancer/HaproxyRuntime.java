package dev.warren.balancer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.Probe;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;

import org.springframework.stereotype.Service;

/**
 * HAProxy's runtime API on a balancer's host, reached over SSH with {@code socat} on the
 * admin-level {@code stats socket} of its live config: takes one cluster member out of
 * every backend of the balancer ({@code set server <backend>/<server> state maint}, then
 * {@code shutdown sessions server …} so that clients reconnect to a healthy node) or puts
 * it back ({@code state ready}), and reads the state back ({@code show servers state}).
 * {@code socat} runs through {@code sudo -n} where the host uses sudo.
 */
@Service
public class HaproxyRuntime {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** {@code srv_admin_state}'s bit for "forced into maintenance" (SRV_ADMF_FMAINT). */
	private static final int FORCED_MAINTENANCE = 0x01;

	private final Balancers balancers;

	private final Servers servers;

	private final BalancerConfigs configs;

	private final RemoteShells shells;

	HaproxyRuntime(Balancers balancers, Servers servers, BalancerConfigs configs, RemoteShells shells) {
		this.balancers = balancers;
		this.servers = servers;
		this.configs = configs;
		this.shells = shells;
	}

	/**
	 * Takes the server out of the balancer's backends ({@code out}) or puts it back.
	 * @return what was sent and read back; {@code confirmed} when HAProxy's own state
	 * says so for every backend
	 */
	public Result setOut(long balancerId, long serverId, boolean out, String actor) {
		BalancerView balancer = this.balancers.get(balancerId);
		if (balancer.kind() != BalancerKind.HAPROXY) {
			throw new IllegalArgumentException("balancer '" + balancer.name() + "' is no HAProxy");
		}
		String server = this.configs.haproxyServerNames(balancer).get(serverId);
		if (server == null) {
			throw new IllegalArgumentException(
					"server " + serverId + " is not a member of the cluster balancer '" + balancer.name() + "' fronts");
		}
		ServerView host = this.servers.get(balancer.hostServerId());
		List<String> backends = new ArrayList<>(List.of(balancer.settings().upstreamName()));
		if (balancer.balanceManagement()) {
			backends.add(balancer.settings().managementUpstreamName());
		}
		StringBuilder transcript = new StringBuilder();
		try (RemoteSession session = this.shells.open(host.id(), actor)) {
			String socket = adminSocket(session, balancer, host);
			boolean confirmed = true;
			for (String backend : backends) {
				String target = backend + "/" + server;
				List<String> commands = out
						? List.of("set server " + target + " state maint", "shutdown sessions server " + target)
						: List.of("set server " + target + " state ready");
				for (String command : commands) {
					CommandResult result = send(session, host, socket, command, transcript);
					if (!result.succeeded() || !result.stdout().isBlank()) {
						return new Result(false,
								transcript + "HAProxy refused '" + command + "': "
										+ (result.succeeded() ? result.stdout().strip()
												: Probe.refusal("HAProxy's runtime API", result, who(host))));
					}
				}
				CommandResult state = send(session, host, socket, "show servers state " + backend, transcript);
				Optional<Integer> admin = adminState(state.stdout(), server);
				boolean isOut = admin.map((bits) -> (bits & FORCED_MAINTENANCE) != 0).orElse(!out);
				transcript.append(target)
					.append(": ")
					.append(admin.map((bits) -> isOut ? "in maintenance" : "ready").orElse("not found"))
					.append("\n");
				confirmed &= admin.isPresent() && isOut == out;
			}
			return new Result(confirmed, transcript.toString());
		}
	}

	private String adminSocket(RemoteSession session, BalancerView balancer, ServerView host) {
		String config = new String(session.download(balancer.configPath()), StandardCharsets.UTF_8);
		HaproxyLayout layout = HaproxyLayout.parse(config);
		HaproxyLayout.StatsSocket socket = layout.adminSocket()
			.filter(HaproxyLayout.StatsSocket::unix)
			.orElseThrow(() -> new IllegalStateException(balancer.configPath() + " on " + host.name()
					+ " declares no UNIX stats socket at level admin: add 'stats socket /run/haproxy/admin.sock "
					+ "mode 660 level admin' to its global section (the config Warren renders has it) and push it"));
		return socket.path();
	}

	private static CommandResult send(RemoteSession session, ServerView host, String socket, String command,
			StringBuilder transcript) {
		CommandResult result = session.runWithInput(
				CommandLine.of("socat", "-t", "2", "stdio", "unix-connect:" + socket),
				(command + "\n").getBytes(StandardCharsets.UTF_8), !host.useSudo(), TIMEOUT);
		transcript.append("$ echo '")
			.append(command)
			.append("' | ")
			.append(result.command())
			.append("  (exit ")
			.append(result.exitCode())
			.append(")\n");
		if (!result.stdout().isBlank() && !command.startsWith("show ")) {
			transcript.append(result.stdout().strip()).append("\n");
		}
		return result;
	}

	/**
	 * {@code srv_admin_state} of one server in {@code show servers state} output (format
	 * 1: {@code be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state …}).
	 */
	static Optional<Integer> adminState(String showServersState, String server) {
		return showServersState.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map((line) -> line.strip().split("\\s+"))
			.filter((fields) -> fields.length > 6 && fields[3].equals(server))
			.map((fields) -> Integer.parseInt(fields[6]))
			.findFirst();
	}

	private static String who(ServerView host) {
		return host.sshUser() + "@" + host.name();
	}

	/** What a runtime change sent and found. */
	public record Result(boolean confirmed, String transcript) {

	}

}
