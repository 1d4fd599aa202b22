package dev.warren.balancer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.Probe;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import dev.warren.shared.ConflictException;

import org.springframework.stereotype.Service;

/**
 * Reads a balancer host's real layout, read-only and with the commands a push would run
 * (the validate command's program through sudo where the host uses it, files as the SSH
 * user where the balancer writes them so): for NGINX what {@code nginx -T} says (the
 * files it reads, whether one of them includes Warren's file, pid file and error log) and
 * whether the pid file names a running master; for HAProxy the runtime API sockets, pid
 * file and master-worker mode of its config. What would stop a push is a problem naming
 * the setting to give; the balancer page shows it all.
 */
@Service
public class BalancerLayouts {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Balancers balancers;

	private final Servers servers;

	private final BalancerConfigs configs;

	private final RemoteShells shells;

	private final Clock clock;

	BalancerLayouts(Balancers balancers, Servers servers, BalancerConfigs configs, RemoteShells shells, Clock clock) {
		this.balancers = balancers;
		this.servers = servers;
		this.configs = configs;
		this.shells = shells;
		this.clock = clock;
	}

	public BalancerLayout read(long balancerId, String actor) {
		BalancerView balancer = this.balancers.get(balancerId);
		ServerView host = this.servers.get(balancer.hostServerId());
		Reader reader = new Reader(balancer, host);
		if (host.os() == OperatingSystem.WINDOWS) {
			reader.problems.add("Warren does not read the layout of a Windows host (and does not push to one yet): "
					+ "the downloaded config names its own pid file and error log, relative to the nginx folder.");
			return reader.result(this.clock);
		}
		try (RemoteSession session = this.shells.open(host.id(), actor)) {
			reader.session = session;
			if (balancer.kind() == BalancerKind.NGINX) {
				reader.nginx();
			}
			else {
				reader.haproxy(rendered(balancer));
			}
		}
		catch (RemoteException ex) {
			reader.problems.add("Could not read " + host.name() + ": " + ex.getMessage());
		}
		return reader.result(this.clock);
	}

	private String rendered(BalancerView balancer) {
		try {
			return this.configs.render(balancer).content();
		}
		catch (ConflictException ex) {
			return "";
		}
	}

	/** One read of one host; not shared between threads. */
	private static final class Reader {

		private final BalancerView balancer;

		private final ServerView host;

		private final boolean filesAsUser;

		private final Set<String> privileged;

		private final StringBuilder transcript = new StringBuilder();

		private final List<String> problems = new ArrayList<>();

		private final List<String> notes = new ArrayList<>();

		private RemoteSession session;

		private List<String> files = List.of();

		private List<String> includes = List.of();

		private Boolean readsConfigFile;

		private String pidFile;

		private String pidFileSource;

		private String errorLog;

		private String errorLogSource;

		private String masterPid;

		private List<String> statsSockets = List.of();

		private String adminSocket;

		private Boolean adminSocketReady;

		private Boolean masterWorker;

		Reader(BalancerView balancer, ServerView host) {
			this.balancer = balancer;
			this.host = host;
			this.filesAsUser = balancer.fileAccess() == FileAccess.SSH_USER || !host.useSudo();
			String staged = balancer.configPath() + ".warren-new";
			this.privileged = new HashSet<>(
					List.of(ConfiguredCommand.parse(balancer.validateCommand(), staged).program(),
							ConfiguredCommand.parse(balancer.reloadCommand(), balancer.configPath()).program()));
		}

		void nginx() {
			String path = this.balancer.configPath();
			boolean include = this.balancer.nginxLayout().included();
			String staged = path + ".warren-new";
			Optional<CommandLine> dump = NginxEffectiveConfig
				.command(ConfiguredCommand.parse(this.balancer.validateCommand(), staged), staged, path);
			this.pidFile = this.balancer.pidFile();
			this.pidFileSource = (this.pidFile != null) ? "the balancer's setting" : null;
			this.errorLog = this.balancer.errorLog();
			this.errorLogSource = (this.errorLog != null) ? "the balancer's setting" : null;
			if (dump.isEmpty()) {
				this.notes.add("The validate command is no 'nginx -t': NGINX's layout is not read from the host.");
			}
			else {
				CommandResult answer = exec(dump.get());
				if (!answer.succeeded()) {
					this.problems.add(Probe.refusal("NGINX's effective configuration", answer, who())
							+ (include ? ": without it Warren cannot tell that NGINX reads " + path : ""));
				}
				else {
					NginxEffectiveConfig effective = NginxEffectiveConfig.parse(answer.stdout(),
							NginxEffectiveConfig.prefix(dump.get()));
					this.files = effective.files();
					this.includes = effective.includes();
					if (this.pidFile == null && effective.pidFile().isPresent()) {
						this.pidFile = effective.pidFile().get();
						this.pidFileSource = "nginx -T";
					}
					if (this.errorLog == null && effective.errorLog().isPresent()) {
						this.errorLog = effective.errorLog().get();
						this.errorLogSource = "nginx -T";
					}
					if (include) {
						this.readsConfigFile = effective.reads(path);
						if (!this.readsConfigFile) {
							this.problems.add("NGINX does not read " + path + ": add 'include " + path + ";' "
									+ this.balancer.nginxLayout().includeContext() + " of "
									+ (this.files.isEmpty() ? "nginx.conf" : this.files.get(0))
									+ ", or set the balancer's config path to a file it includes.");
						}
					}
				}
			}
			if (this.pidFile == null) {
				this.pidFile = "/run/nginx.pid";
				this.pidFileSource = "NGINX's default on Debian (not set in the configuration)";
			}
			if (this.errorLog == null) {
				this.errorLog = "/var/log/nginx/error.log";
				this.errorLogSource = "NGINX's default on Debian (not set in the configuration)";
			}
			CommandResult pid = exec(CommandLine.of("cat", this.pidFile));
			if (pid.succeeded() && pid.stdout().strip().matches("\\d+")) {
				this.masterPid = pid.stdout().strip();
			}
			else {
				this.problems.add((pid.succeeded() ? "The pid file " + this.pidFile + " holds no pid"
						: Probe.refusal("NGINX's master pid from " + this.pidFile, pid, who()))
						+ ": a reload could not be confirmed. Start NGINX, or set the balancer's pid file to the "
						+ "file its master writes.");
			}
			CommandResult log = exec(CommandLine.of("stat", "-c", "%s", this.errorLog));
			if (!log.succeeded()) {
				this.problems.add(Probe.refusal("NGINX's error log " + this.errorLog, log, who())
						+ ": a push checks it for [emerg] after the reload. Set the balancer's error log to the "
						+ "file NGINX writes.");
			}
		}

		void haproxy(String rendered) {
			String path = this.balancer.configPath();
			Probe exists = Probe.fileExists(this::exec, path, who());
			String config;
			String source;
			if (exists.unknown()) {
				this.problems.add(exists.reason());
				return;
			}
			if (exists.yes()) {
				try {
					config = new String(this.session.download(path), StandardCharsets.UTF_8);
					source = path + " on " + this.host.name();
					this.transcript.append("Read ").append(path).append(" over SFTP\n");
				}
				catch (RemoteException ex) {
					this.problems.add("Could not read " + path + " as " + this.host.sshUser() + ": " + ex.getMessage());
					return;
				}
			}
			else {
				config = rendered;
				source = "the config Warren would push (" + path + " does not exist yet)";
			}
			HaproxyLayout layout = HaproxyLayout.parse(config);
			this.files = List.of(path);
			this.masterWorker = layout.masterWorker();
			this.statsSockets = layout.statsSockets()
				.stream()
				.map((socket) -> socket.address() + " (level " + socket.level() + ")")
				.toList();
			layout.pidFile().ifPresent((pid) -> {
				this.pidFile = pid;
				this.pidFileSource = source;
			});
			Optional<HaproxyLayout.StatsSocket> admin = layout.adminSocket();
			if (admin.isEmpty()) {
				this.notes.add("No stats socket at level admin in " + source
						+ ": HAProxy's runtime API (show servers state, set server … state maint) is not reachable, "
						+ "so a node can be taken out only by a push.");
			}
			else if (admin.get().unix()) {
				this.adminSocket = admin.get().path();
				CommandResult kind = exec(CommandLine.of("stat", "-c", "%F", this.adminSocket));
				this.adminSocketReady = kind.succeeded() && kind.stdout().strip().equals("socket");
				if (!this.adminSocketReady) {
					this.notes.add(kind.succeeded() ? this.adminSocket + " is no socket (" + kind.stdout().strip() + ")"
							: Probe.refusal("the runtime API socket " + this.adminSocket, kind, who())
									+ " (does HAProxy run with this config?)");
				}
			}
			else {
				this.adminSocket = admin.get().address();
			}
			CommandResult ps = exec(CommandLine.of("ps", "-C", "haproxy", "-o", "pid="));
			List<String> pids = ps.stdout().lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
			if (pids.isEmpty()) {
				this.notes.add("No haproxy process runs on " + this.host.name() + ".");
			}
			else {
				this.masterPid = pids.get(0);
			}
		}

		private CommandResult exec(CommandLine command) {
			CommandResult result = (this.filesAsUser && !this.privileged.contains(command.program()))
					? this.session.runAsLoginUser(command, TIMEOUT, OutputListener.NONE)
					: this.session.run(command, TIMEOUT, OutputListener.NONE);
			this.transcript.append("$ ").append(result.command()).append("  (exit ").append(result.exitCode());
			this.transcript.append(")\n");
			return result;
		}

		private String who() {
			return this.host.sshUser() + "@" + this.host.name();
		}

		BalancerLayout result(Clock clock) {
			return new BalancerLayout(this.balancer.id(), this.balancer.kind(), this.host.name(), this.files,
					this.includes, this.readsConfigFile, this.pidFile, this.pidFileSource, this.errorLog,
					this.errorLogSource, this.masterPid, this.statsSockets, this.adminSocket, this.adminSocketReady,
					this.masterWorker, List.copyOf(this.problems), List.copyOf(this.notes), this.transcript.toString(),
					clock.instant());
		}

	}

}
