package dev.warren.balancer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.clustering.RunControl;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.StepPlan;
import dev.warren.clustering.StepResult;
import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.rabbitmq.AmqpProbeResult;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.PrivilegeCheck;
import dev.warren.remote.Privileges;
import dev.warren.remote.Probe;
import dev.warren.remote.RemoteSession;

/**
 * One push of a config to a balancer host, as the steps of a run. NGINX can pass
 * {@code nginx -t} and exit 0 on reload yet keep the old config when {@code bind()}
 * fails, so a reload counts only when the master has new workers, the port listens and
 * the error log has no new {@code [emerg]}; then an AMQP message must go through.
 */
final class Deployment {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration AMQP_TIMEOUT = Duration.ofSeconds(5);

	static final Pattern PID = Pattern.compile("(?m)^\\s*pid\\s+([^;\\s]+)\\s*;");

	private static final Pattern HAPROXY_BIND = Pattern.compile("(?m)^\\s*bind\\s+\\S*:(\\d+)");

	/** A process in {@code ss -p} output: {@code ("haproxy",pid=5693,fd=7)}. */
	private static final Pattern SOCKET_USER = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+)");

	/**
	 * How long a port held by another program may stay so before the reload counts as
	 * failed: HAProxy keeps its old workers when the new ones cannot bind.
	 */
	private static final Duration FOREIGN_HOLDER_GRACE = Duration.ofSeconds(2);

	static final Pattern ERROR_LOG = Pattern.compile("(?m)^\\s*error_log\\s+([^;\\s]+)");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final BalancerView balancer;

	private final ServerView host;

	private final String content;

	private final AmqpEndpoint endpoint;

	private final String skipReason;

	private final AmqpProbe probe;

	private final BalancerRevisions revisions;

	private final boolean nginx;

	private final String path;

	private final String staged;

	private final String upload;

	private final String backup;

	/** Files as the SSH user itself: only validate and reload go through sudo. */
	private final boolean filesAsUser;

	private final Set<String> privilegedPrograms = new java.util.HashSet<>();

	private RunControl run;

	private boolean hadFile;

	private String pidFile;

	private String errorLog;

	private NginxState before;

	private String stepPrefix = "";

	private Outcome outcome;

	private Set<String> haproxyBefore;

	private int previousPort = -1;

	private CommandResult last;

	private String cleanupProblem;

	Deployment(BalancerView balancer, ServerView host, String content, AmqpEndpoint endpoint, String skipReason,
			AmqpProbe probe, BalancerRevisions revisions, Instant now) {
		this.balancer = balancer;
		this.host = host;
		this.content = content;
		this.endpoint = endpoint;
		this.skipReason = skipReason;
		this.probe = probe;
		this.revisions = revisions;
		this.nginx = balancer.kind() == BalancerKind.NGINX;
		this.path = balancer.configPath();
		this.staged = this.path + ".warren-new";
		this.upload = "/tmp/warren-upload-" + UUID.randomUUID();
		this.backup = this.path + ".warren-backup-" + STAMP.format(now);
		this.filesAsUser = balancer.fileAccess() == FileAccess.SSH_USER;
		this.privilegedPrograms.add(ConfiguredCommand.parse(balancer.validateCommand(), this.staged).program());
		this.privilegedPrograms.add(ConfiguredCommand.parse(balancer.reloadCommand(), this.path).program());
		if (!this.nginx) {
			// Which process holds a port: only root sees other users' processes.
			this.privilegedPrograms.add("ss");
		}
	}

	/** The whole run: this deployment's verdict is the run's. */
	void run(RunControl control) {
		Outcome outcome = deploy(control);
		control.finish(outcome.status(), outcome.summary());
	}

	/**
	 * Records this deployment's steps in {@code control}'s run and returns its verdict
	 * without ending the run (a deployment to several balancers goes on with the next).
	 */
	Outcome deploy(RunControl control) {
		this.run = control;
		try {
			execute();
			return (this.outcome != null) ? this.outcome : new Outcome(RunStatus.FAILED,
					"The deployment to " + this.host.name() + " ended without a verdict: " + "look at its steps");
		}
		catch (RuntimeException ex) {
			this.revisions.record(this.balancer.id(), this.content, control.actor(), control.runId(),
					RevisionResult.FAILED, "The deployment stopped unexpectedly: " + ex.getMessage());
			throw ex;
		}
	}

	/** Names this deployment's steps with a prefix, e.g. the balancer's name. */
	Deployment grouped(String prefix) {
		this.stepPrefix = prefix;
		return this;
	}

	BalancerView balancer() {
		return this.balancer;
	}

	ServerView host() {
		return this.host;
	}

	private void execute() {
		// A validate command that names no file ("nginx -t") checks the config as the
		// balancer reads it, which includes the live file and never the staged one: the
		// new file is checked under its live name, after a backup and before any reload.
		boolean inPlace = !ConfiguredCommand.namesFile(this.balancer.validateCommand());
		CommandLine validate = ConfiguredCommand.parse(this.balancer.validateCommand(), this.staged);
		CommandLine reload = ConfiguredCommand.parse(this.balancer.reloadCommand(), this.path);
		CommandLine move = CommandLine.of("mv", "-f", this.staged, this.path);
		List<StepPlan> plan = new ArrayList<>();
		plan.add(step("Check the privileges of " + this.host.sshUser() + " on " + this.host.name()
				+ " (sudo -n -l, test -w, test -r: read-only)", null));
		plan.add(step("Read the current " + this.path + " over SFTP and compare it with the new config"
				+ (this.nginx ? "; learn NGINX's layout on the host (nginx -T with the validate command's flags)" : ""),
				null));
		plan.add(step("Upload the new config over SFTP to " + this.upload, null));
		plan.add(step("Put it next to the live file as " + this.staged,
				CommandLine.of("mv", "-f", this.upload, this.staged)));
		plan.add(step("Give it the live file's owner",
				CommandLine.of("chown", "--reference=" + this.path, this.staged)));
		plan.add(step("Give it the live file's permissions",
				CommandLine.of("chmod", "--reference=" + this.path, this.staged)));
		StepPlan validating = step(inPlace
				? "Validate the new config where " + this.balancer.kind() + " reads it: "
						+ this.balancer.validateCommand() + " checks the config that includes " + this.path
						+ ", now the new file (if it fails, the previous file is put back before anything reloads)"
				: "Validate the new config", validate);
		StepPlan backingUp = step("Back up the live file to " + this.backup,
				CommandLine.of("cp", "-p", this.path, this.backup));
		StepPlan noting = step(this.nginx ? "Note NGINX's master, workers and error log size before the reload"
				: "Note the HAProxy processes before the reload", null);
		StepPlan moving = step(
				inPlace ? "Move the new config into place as " + this.path + " to validate it there ("
						+ this.balancer.kind() + " reads it only on the reload)" : "Move the new config into place",
				move);
		plan.addAll(inPlace ? List.of(backingUp, noting, moving, validating)
				: List.of(validating, backingUp, noting, moving));
		plan.add(step("Reload " + this.balancer.kind(), reload));
		plan.add(step(this.nginx
				? "Confirm the reload took: new workers, port " + this.balancer.listenPort()
						+ " listening, no new [emerg] in the error log"
				: "Confirm the reload took: a new HAProxy process listens on port " + this.balancer.listenPort()
						+ " and the live file is valid",
				null));
		plan.add(step("AMQP round trip through the balancer", null));
		List<Integer> positions = this.run.plan(plan);
		List<Integer> at = positions.subList(1, positions.size());
		int validateAt = at.get(inPlace ? 8 : 5);
		int backupAt = at.get(inPlace ? 5 : 6);
		int noteAt = at.get(inPlace ? 6 : 7);
		int moveAt = at.get(inPlace ? 7 : 8);
		StepResult privileges = this.run.action(positions.get(0), this::checkPrivileges);
		if (!privileges.succeeded()) {
			end(RunStatus.FAILED, "Nothing changed on " + this.host.name() + ": " + privileges.reason());
			return;
		}

		StepResult read = this.run.action(at.get(0), this::readCurrent);
		if (!read.succeeded()) {
			end(RunStatus.FAILED,
					"Nothing changed on " + this.host.name() + " (nothing was uploaded): " + read.reason());
			return;
		}
		StepResult uploaded = this.run.action(at.get(1), () -> {
			session().upload(this.upload, this.content.getBytes(StandardCharsets.UTF_8));
			return "Uploaded " + this.content.getBytes(StandardCharsets.UTF_8).length + " bytes (sha256 "
					+ Hashes.sha256(this.content) + ") to " + this.upload;
		});
		if (!uploaded.succeeded() || !command(at.get(2), CommandLine.of("mv", "-f", this.upload, this.staged))) {
			cleanUp();
			end(RunStatus.FAILED, "Nothing changed on " + this.host.name() + ": the upload failed: "
					+ (uploaded.succeeded() ? output() : uploaded.reason()));
			return;
		}
		boolean owned = !this.hadFile || (this.filesAsUser
				? this.run.action(at.get(3),
						() -> "Files are written as " + this.host.sshUser() + ", who cannot give the new file another "
								+ "owner: it will belong to " + this.host.sshUser() + " (the live file's mode is kept)")
					.succeeded()
				: command(at.get(3), CommandLine.of("chown", "--reference=" + this.path, this.staged)));
		if (this.hadFile
				&& !(owned && command(at.get(4), CommandLine.of("chmod", "--reference=" + this.path, this.staged)))) {
			cleanUp();
			end(RunStatus.FAILED, "Nothing changed on " + this.host.name() + ": " + output());
			return;
		}
		if (!this.hadFile) {
			this.run.action(at.get(3), () -> this.path + " does not exist: the new file keeps its own owner");
			this.run.action(at.get(4), () -> this.path + " does not exist: the new file keeps its own permissions");
		}
		if (!inPlace && !command(validateAt, validate)) {
			cleanUp();
			end(RunStatus.FAILED, "Nothing changed on " + this.host.name() + ": " + output());
			return;
		}
		boolean backedUp = this.hadFile ? command(backupAt, CommandLine.of("cp", "-p", this.path, this.backup))
				: this.run.action(backupAt, () -> this.path + " does not exist: nothing to back up").succeeded();
		if (!backedUp) {
			cleanUp();
			end(RunStatus.FAILED, "Nothing changed on " + this.host.name() + ": the backup failed: " + output());
			return;
		}
		StepResult noted = this.run.action(noteAt, () -> {
			if (!this.nginx) {
				this.haproxyBefore = haproxyProcesses();
				return "HAProxy processes before the reload: " + this.haproxyBefore;
			}
			this.before = nginxState();
			return this.before.describe();
		});
		if (!noted.succeeded()) {
			cleanUp();
			end(RunStatus.FAILED,
					"Nothing changed on " + this.host.name() + ": NGINX's state could not be read, so a reload "
							+ "could not be confirmed (does NGINX run? pid file " + this.pidFile + "): "
							+ noted.reason());
			return;
		}
		if (!command(moveAt, move)) {
			cleanUp();
			end(RunStatus.FAILED,
					"Moving the new config into place failed: " + output() + ". " + this.path + " should be unchanged"
							+ (this.hadFile ? "; the previous file is also in " + this.backup : "") + ".");
			return;
		}
		if (inPlace && !validateInPlace(validateAt, validate)) {
			return;
		}
		String problem;
		if (!command(at.get(9), reload)) {
			problem = "the reload failed: " + output();
		}
		else {
			StepResult confirmed = this.run.action(at.get(10), () -> confirm(this.balancer.listenPort()));
			if (!confirmed.succeeded()) {
				problem = "the reload did not take: " + confirmed.reason();
			}
			else {
				StepResult roundTrip = this.run.action(at.get(11), this::roundTrip);
				problem = roundTrip.succeeded() ? null
						: "no AMQP message went through the balancer: " + roundTrip.reason();
			}
		}
		if (problem == null) {
			end(RunStatus.SUCCEEDED,
					this.path + " on " + this.host.name() + " is live: "
							+ (this.nginx ? "NGINX started new workers, " : "HAProxy started a new worker, ")
							+ this.balancer.listenAddress() + ":" + this.balancer.listenPort() + " listens"
							+ ((this.endpoint != null) ? " and an AMQP message went through it."
									: "; WARNING: no AMQP round trip (" + this.skipReason + ")."));
			return;
		}
		rollBack(problem, reload);
	}

	/**
	 * Validates the new file under its live name; when it fails, puts the previous file
	 * back (or removes the new one if there was none) before anything reloads.
	 * @return whether the new file passed
	 */
	private boolean validateInPlace(int position, CommandLine validate) {
		if (command(position, validate)) {
			return true;
		}
		String invalid = output();
		CommandLine restore = this.hadFile ? CommandLine.of("mv", "-f", this.backup, this.path)
				: CommandLine.of("rm", "-f", this.path);
		int at = this.run.plan(List.of(step(
				"Validation failed: " + (this.hadFile ? "restore the previous " + this.path + " from " + this.backup
						: "remove the new " + this.path + " (there was none before)"),
				restore)))
			.get(0);
		if (command(at, restore)) {
			cleanUp();
			end(RunStatus.FAILED,
					"Nothing changed on " + this.host.name() + ": the new config did not pass validation: " + invalid
							+ ". "
							+ (this.hadFile ? "The previous " + this.path + " is back from " + this.backup
									: this.path + " is removed again, as before")
							+ "; " + this.balancer.kind() + " was not reloaded.");
			return false;
		}
		end(RunStatus.FAILED, "ATTENTION: the new config did not pass validation (" + invalid + ") and "
				+ (this.hadFile ? "restoring the previous file" : "removing it") + " ALSO failed (" + output() + "). "
				+ this.host.name() + " has the NEW config, which does not validate, in " + this.path
				+ (this.hadFile ? "; the previous file is in " + this.backup : "") + ". " + this.balancer.kind()
				+ " was not reloaded and still runs its previous config, but it will refuse to reload or start "
				+ "until this is fixed. Recover on " + this.host.name() + ": " + String.join(" ", restore.arguments()));
		return false;
	}

	private void rollBack(String problem, CommandLine reload) {
		CommandLine restore = this.hadFile ? CommandLine.of("mv", "-f", this.backup, this.path)
				: CommandLine.of("rm", "-f", this.path);
		List<Integer> at = this.run.plan(List.of(
				step("Roll back: restore the previous " + this.path
						+ (this.hadFile ? " from " + this.backup : " (there was none: remove it)"), restore),
				step(this.nginx ? "Roll back: note NGINX's workers and error log size"
						: "Roll back: note the HAProxy processes", null),
				step("Roll back: reload " + this.balancer.kind(), reload),
				step("Roll back: confirm the previous config serves again", null)));
		String recover = "on " + this.host.name() + ": " + String.join(" ", restore.arguments()) + " && "
				+ this.balancer.reloadCommand();
		if (!command(at.get(0), restore)) {
			end(RunStatus.FAILED,
					"ATTENTION: " + problem + "; restoring the previous config ALSO failed (" + output() + "). "
							+ this.host.name() + " has the NEW config in " + this.path + " and NGINX may run either; "
							+ "the previous file is in " + this.backup + ". Recover " + recover);
			return;
		}
		StepResult noted = this.run.action(at.get(1), () -> {
			if (!this.nginx) {
				this.haproxyBefore = haproxyProcesses();
				return "HAProxy processes before the reload: " + this.haproxyBefore;
			}
			this.before = nginxState();
			return this.before.describe();
		});
		String failure = null;
		if (!noted.succeeded()) {
			failure = "NGINX's state could not be read: " + noted.reason();
		}
		else if (!command(at.get(2), reload)) {
			failure = "the reload failed: " + output();
		}
		else {
			StepResult confirmed = this.run.action(at.get(3), () -> confirm(this.nginx ? -1 : this.previousPort));
			if (!confirmed.succeeded()) {
				failure = "the reload did not take: " + confirmed.reason();
			}
		}
		if (failure == null) {
			end(RunStatus.ROLLED_BACK, "The new config did not go live: " + problem + "; restored the previous "
					+ "config, which is serving again.");
		}
		else {
			end(RunStatus.FAILED,
					"ATTENTION: " + problem + "; the previous config is back in " + this.path + " but " + failure + ". "
							+ this.host.name() + " may still serve the new config, or nothing." + " Recover " + "on "
							+ this.host.name() + ": " + this.balancer.reloadCommand() + " and check its error log.");
		}
	}

	private String readCurrent() {
		RemoteSession session = session();
		Probe exists = Probe.fileExists(this::exec, this.path, who());
		if (exists.unknown()) {
			// Never "does not exist": that would skip the backup and remove the live
			// file on a rollback.
			throw new IllegalStateException(
					"$ " + exists.result().command() + "\n" + exists.result().output() + "\n" + exists.reason());
		}
		CommandResult test = exists.result();
		this.hadFile = exists.yes();
		byte[] bytes = this.hadFile ? session.download(this.path) : new byte[0];
		String current = new String(bytes, StandardCharsets.UTF_8);
		Matcher bind = HAPROXY_BIND.matcher(current);
		this.previousPort = bind.find() ? Integer.parseInt(bind.group(1)) : -1;
		this.pidFile = first(PID, current, this.content, "/run/nginx.pid");
		this.errorLog = first(ERROR_LOG, current, this.content, "/var/log/nginx/error.log");
		if (this.balancer.pidFile() != null) {
			this.pidFile = this.balancer.pidFile();
		}
		if (this.balancer.errorLog() != null) {
			this.errorLog = this.balancer.errorLog();
		}
		String learned = this.nginx ? learnLayout() : "";
		String diff = ConfigDiff.unified(this.path + " (on " + this.host.name() + ")", current, this.path + " (new)",
				this.content);
		return "$ " + test.command() + "\n" + learned
				+ (this.hadFile ? "Read " + bytes.length + " bytes, sha256 " + Hashes.sha256(bytes)
						: this.path + " does not exist yet: the new config creates it")
				+ "\n\n" + (diff.isEmpty() ? "No difference: the host already has this config.\n" : diff);
	}

	/**
	 * Reads NGINX's effective configuration with the validate command's own flags, takes
	 * its pid file and error log, and refuses a push whose confirmation cannot work (an
	 * include file NGINX does not read, a pid file that names no running master) before
	 * anything is uploaded, saying which setting to give.
	 */
	private String learnLayout() {
		CommandLine validate = ConfiguredCommand.parse(this.balancer.validateCommand(), this.staged);
		java.util.Optional<CommandLine> dump = NginxEffectiveConfig.command(validate, this.staged, this.path);
		boolean include = this.balancer.nginxLayout().included();
		StringBuilder out = new StringBuilder();
		if (dump.isEmpty()) {
			out.append("The validate command is no 'nginx -t': NGINX's layout was not read; pid file ")
				.append(this.pidFile)
				.append(", error log ")
				.append(this.errorLog)
				.append(" as the configs say or Debian's defaults.\n");
		}
		else {
			CommandResult answer = exec(dump.get());
			out.append("$ ").append(answer.command()).append("\n(exit ").append(answer.exitCode()).append(")\n");
			if (!answer.succeeded()) {
				String problem = Probe.refusal("NGINX's effective configuration", answer, who());
				if (include) {
					throw new IllegalStateException(out + problem + ". Without it Warren cannot tell that NGINX reads "
							+ this.path + "; fix what nginx -T reports (or the balancer's validate command).");
				}
				out.append(problem).append("; the pid file and error log are taken from the configs.\n");
			}
			else {
				NginxEffectiveConfig effective = NginxEffectiveConfig.parse(answer.stdout(),
						NginxEffectiveConfig.prefix(dump.get()));
				out.append(effective.describe()).append("\n");
				if (this.balancer.pidFile() == null) {
					effective.pidFile().ifPresent((pid) -> this.pidFile = pid);
				}
				else {
					out.append("Pid file as the balancer sets it: ").append(this.pidFile).append("\n");
				}
				if (this.balancer.errorLog() == null) {
					effective.errorLog().ifPresent((log) -> this.errorLog = log);
				}
				else {
					out.append("Error log as the balancer sets it: ").append(this.errorLog).append("\n");
				}
				if (include && !effective.reads(this.path)) {
					throw new IllegalStateException(out + "NGINX does not read " + this.path + ": no include in "
							+ String.join(", ", effective.files()) + " matches it (includes: "
							+ (effective.includes().isEmpty() ? "none" : String.join(", ", effective.includes()))
							+ "). Add 'include " + this.path + ";' " + this.balancer.nginxLayout().includeContext()
							+ " of " + effective.files().get(0)
							+ ", or set the balancer's config path to a file it includes.");
				}
			}
		}
		CommandResult pid = exec(CommandLine.of("cat", this.pidFile));
		if (!pid.succeeded() || !pid.stdout().strip().matches("\\d+")) {
			throw new IllegalStateException(out + "$ " + pid.command() + "\n" + pid.output() + "\nNGINX's pid file "
					+ this.pidFile + " names no running master, so a reload could not be confirmed: start NGINX, or "
					+ "set the balancer's pid file to the file its master writes (nginx -T shows what it reads).");
		}
		out.append("NGINX master pid ")
			.append(pid.stdout().strip())
			.append(" (from ")
			.append(this.pidFile)
			.append(")\n");
		return out.toString();
	}

	private String confirm(int port) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + BalancerDeployments.CONFIRM_TIMEOUT.toNanos();
		long firstEmerg = 0;
		String missing = "";
		while (true) {
			if (!this.nginx) {
				String confirmed = haproxyConfirmed(port, start);
				if (confirmed != null) {
					return confirmed;
				}
				missing = this.haproxyMissing;
			}
			else {
				boolean listening = (port < 0) || listening(port);
				Set<String> workers = workers(this.before.master());
				String log = logSince(this.before.logSize());
				List<String> emerg = Arrays.stream(log.split("\n")).filter((line) -> line.contains("[emerg]")).toList();
				if (!emerg.isEmpty()) {
					firstEmerg = (firstEmerg == 0) ? System.nanoTime() : firstEmerg;
					if (log.contains("still could not bind()")
							|| System.nanoTime() - firstEmerg > Duration.ofSeconds(3).toNanos()) {
						throw new IllegalStateException("NGINX logged "
								+ String.join(" | ", emerg.subList(Math.max(0, emerg.size() - 3), emerg.size()))
								+ (log.contains("still could not bind()") ? " | still could not bind()" : "")
								+ "; it keeps running its old config (workers " + workers + ")");
					}
				}
				else {
					boolean fresh = !workers.isEmpty() && !this.before.workers().containsAll(workers);
					if (fresh && listening) {
						return "✓ NGINX master " + this.before.master() + " has new workers " + workers + " (before: "
								+ this.before.workers() + ")" + ((port < 0) ? "" : "; port " + port + " listens")
								+ "; no [emerg] in " + this.errorLog + " since the reload";
					}
					missing = (fresh ? "" : "no new workers (still " + workers + ")")
							+ (listening ? "" : (fresh ? "" : ", ") + "nothing listens on port " + port);
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"after " + BalancerDeployments.CONFIRM_TIMEOUT.toSeconds() + " s: " + missing);
			}
			Thread.sleep(250);
		}
	}

	private String haproxyMissing;

	/**
	 * HAProxy's reload took when a process that was not there before (a new worker)
	 * listens on the port and the live file is valid. A failed reload leaves the old
	 * workers serving the old config, and whatever else holds the port answers
	 * connections: neither counts.
	 */
	private String haproxyConfirmed(int port, long start) {
		Set<String> now = haproxyProcesses();
		Set<String> fresh = new LinkedHashSet<>(now);
		fresh.removeAll(this.haproxyBefore);
		Map<String, String> holders = new LinkedHashMap<>();
		if (port >= 0) {
			Matcher user = SOCKET_USER.matcher(runQuietly(CommandLine.of("ss", "-ltnpH", "sport = :" + port)).stdout());
			while (user.find()) {
				holders.put(user.group(2), user.group(1));
			}
		}
		boolean freshListens = (port < 0) ? !fresh.isEmpty() : holders.keySet().stream().anyMatch(fresh::contains);
		if (freshListens) {
			if (runQuietly(ConfiguredCommand.parse(this.balancer.validateCommand(), this.path)).succeeded()) {
				return "✓ new HAProxy process " + fresh + ((port < 0) ? "" : " listens on port " + port)
						+ " (HAProxy processes before the reload: " + this.haproxyBefore + "); the live file is valid";
			}
			this.haproxyMissing = "the live file does not pass " + this.balancer.validateCommand();
			return null;
		}
		List<String> foreign = holders.entrySet()
			.stream()
			.filter((holder) -> !now.contains(holder.getKey()))
			.map((holder) -> holder.getValue() + " (pid " + holder.getKey() + ")")
			.toList();
		if (!foreign.isEmpty() && System.nanoTime() - start > FOREIGN_HOLDER_GRACE.toNanos()) {
			throw new IllegalStateException("port " + port + " is held by " + String.join(", ", foreign)
					+ ", not by HAProxy: the new workers could not bind it, so HAProxy keeps running its old config "
					+ "(its processes: " + now + ", before the reload: " + this.haproxyBefore + ")");
		}
		this.haproxyMissing = fresh.isEmpty() ? "no new HAProxy process (still " + now + ")" : "new HAProxy process "
				+ fresh + " but "
				+ (holders.isEmpty() ? "nothing listens on port " + port : "port " + port + " is held by " + holders);
		return null;
	}

	private Set<String> haproxyProcesses() {
		CommandResult ps = runQuietly(CommandLine.of("ps", "-C", "haproxy", "-o", "pid="));
		Set<String> pids = new LinkedHashSet<>();
		for (String line : ps.stdout().split("\n")) {
			if (!line.isBlank()) {
				pids.add(line.strip());
			}
		}
		return pids;
	}

	private String roundTrip() throws InterruptedException {
		if (this.endpoint == null) {
			return "WARN: skipped: " + this.skipReason;
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		AmqpProbeResult result;
		do {
			result = this.probe.roundTrip(this.endpoint, AMQP_TIMEOUT);
			if (result.up()) {
				return "✓ " + this.endpoint + ": " + result.detail();
			}
			Thread.sleep(500);
		}
		while (System.nanoTime() < deadline);
		throw new IllegalStateException(this.endpoint + " is " + result.state() + ": " + result.detail());
	}

	private NginxState nginxState() {
		CommandResult pid = runQuietly(CommandLine.of("cat", this.pidFile));
		String master = pid.succeeded() ? pid.stdout().strip() : "";
		if (!master.matches("\\d+")) {
			throw new IllegalStateException("$ " + pid.command() + "\n" + pid.output() + "\n"
					+ (pid.succeeded() ? "No NGINX master pid in " + this.pidFile
							: Probe.refusal("NGINX's master pid from " + this.pidFile, pid, who())));
		}
		Set<String> workers = workers(master);
		CommandResult size = runQuietly(CommandLine.of("stat", "-c", "%s", this.errorLog));
		if (!size.succeeded() || !size.stdout().strip().matches("\\d+")) {
			// Without the size, old [emerg] lines would read as new ones (or new as old).
			throw new IllegalStateException("$ " + size.command() + "\n" + size.output() + "\n"
					+ Probe.refusal("how long NGINX's error log " + this.errorLog + " is", size, who()));
		}
		long logSize = Long.parseLong(size.stdout().strip());
		return new NginxState(master, workers, logSize, this.errorLog);
	}

	private Set<String> workers(String master) {
		CommandResult ps = runQuietly(CommandLine.of("ps", "-o", "pid=", "--ppid", master));
		Set<String> workers = new LinkedHashSet<>();
		for (String line : ps.stdout().split("\n")) {
			if (!line.isBlank()) {
				workers.add(line.strip());
			}
		}
		return workers;
	}

	private boolean listening(int port) {
		return !runQuietly(CommandLine.of("ss", "-ltnH", "sport = :" + port)).stdout().isBlank();
	}

	private String logSince(long size) {
		CommandResult tail = runQuietly(CommandLine.of("tail", "-c", "+" + (size + 1), this.errorLog));
		if (!tail.succeeded()) {
			throw new IllegalStateException(
					Probe.refusal("whether NGINX logged an [emerg] since the reload", tail, who()));
		}
		return tail.stdout();
	}

	/** The SSH user, and whether through sudo, for "could not tell … as whom". */
	private String who() {
		return this.host.sshUser() + ((this.host.useSudo() && !this.filesAsUser) ? " through sudo -n" : "") + " on "
				+ this.host.name();
	}

	/**
	 * Read-only: may the SSH user do everything this push will do? Missing privileges are
	 * named, with the sudoers drop-in that grants them; nothing is uploaded then.
	 */
	private String checkPrivileges() {
		BalancerPrivileges needed = BalancerPrivileges.of(this.balancer, this.host, this.content);
		PrivilegeCheck.Result check = PrivilegeCheck.run(session(), this.host.sshUser(), needed.sudoCommands(),
				needed.privileges().writablePaths(), needed.privileges().readablePaths(), COMMAND_TIMEOUT);
		if (!check.complete()) {
			String dropIn = Privileges.dropIn(this.host.sshUser(), check.fullPaths());
			throw new IllegalStateException(check.evidence() + "\n" + this.host.sshUser() + " lacks "
					+ check.missing().size() + " privilege(s) this push needs: " + String.join("; ", check.missing())
					+ (dropIn.isEmpty() ? "" : ". Give it this sudoers drop-in (check it with visudo -c -f): " + dropIn)
					+ (this.filesAsUser ? ""
							: " Or make " + BalancerPrivileges.directory(this.path) + " writable by its group and set "
									+ "the balancer's file writing to 'as the SSH user', so that only validate and "
									+ "reload need sudo."));
		}
		return check.evidence() + "\n" + this.host.sshUser() + " has every privilege this push needs"
				+ (check.fullPaths().isEmpty() ? "" : " (sudo -n: " + String.join(", ", check.fullPaths()) + ")");
	}

	private boolean command(int position, CommandLine command) {
		this.last = null;
		StepResult result = this.run.action(position, () -> {
			CommandResult answer = exec(command);
			this.last = answer;
			String shown = "$ " + answer.command() + "\n" + answer.output();
			if (!answer.succeeded()) {
				throw new IllegalStateException(shown + "\n(exit code " + answer.exitCode() + ")");
			}
			return shown;
		});
		return result.succeeded();
	}

	private String output() {
		if (this.last == null) {
			return "see the step's output";
		}
		String output = (this.last.output() == null) ? "" : this.last.output().strip();
		return String.join(" ", this.last.command(), "exited with", String.valueOf(this.last.exitCode()))
				+ (output.isEmpty() ? "" : ": " + output);
	}

	/**
	 * Removes the upload and the staged file, as a step of its own: a failed clean-up is
	 * shown on the run page and named in the summary with the command to finish it.
	 */
	private void cleanUp() {
		CommandResult failed = this.last;
		CommandLine remove = CommandLine.of("rm", "-f", this.upload, this.staged);
		int at = this.run.plan(List.of(step("Clean up: remove " + this.upload + " and " + this.staged, remove))).get(0);
		if (!command(at, remove)) {
			this.cleanupProblem = " Cleaning up ALSO failed (" + output() + "): remove the leftovers on "
					+ this.host.name() + " with: rm -f " + this.upload + " " + this.staged;
		}
		// The summary names the command that failed, not the clean-up.
		this.last = failed;
	}

	private CommandResult runQuietly(CommandLine command) {
		return exec(command);
	}

	/**
	 * Through sudo where the host uses it, except the file work of a balancer whose files
	 * Warren writes as the SSH user.
	 */
	private CommandResult exec(CommandLine command) {
		return (this.filesAsUser && !this.privilegedPrograms.contains(command.program()))
				? session().runAsLoginUser(command, COMMAND_TIMEOUT, OutputListener.NONE)
				: session().run(command, COMMAND_TIMEOUT, OutputListener.NONE);
	}

	private RemoteSession session() {
		return this.run.session(this.host);
	}

	private StepPlan step(String description, CommandLine command) {
		return new StepPlan(this.host, this.stepPrefix + description, command,
				command != null && this.filesAsUser && !this.privilegedPrograms.contains(command.program()));
	}

	private void end(RunStatus status, String summary) {
		RevisionResult result = switch (status) {
			case SUCCEEDED -> RevisionResult.SUCCEEDED;
			case ROLLED_BACK -> RevisionResult.ROLLED_BACK;
			default -> RevisionResult.FAILED;
		};
		String told = (this.cleanupProblem != null) ? summary + this.cleanupProblem : summary;
		this.revisions.record(this.balancer.id(), this.content, this.run.actor(), this.run.runId(), result, told);
		this.outcome = new Outcome(status, told);
	}

	private static String first(Pattern pattern, String current, String next, String fallback) {
		for (String text : List.of(current, next)) {
			Matcher matcher = pattern.matcher(text);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return fallback;
	}

	/** How a deployment ended: SUCCEEDED, FAILED or ROLLED_BACK, with its summary. */
	record Outcome(RunStatus status, String summary) {

	}

	private record NginxState(String master, Set<String> workers, long logSize, String errorLog) {

		String describe() {
			return "NGINX master " + this.master + ", workers " + this.workers + "; " + this.errorLog + " has "
					+ this.logSize + " bytes";
		}

	}

}
