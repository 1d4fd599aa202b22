package dev.warren.balancer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.clustering.PreflightCheck;
import dev.warren.clustering.RunControl;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.StepPlan;
import dev.warren.clustering.StepResult;
import dev.warren.inventory.AuthType;
import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.ShellDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation reads the new config where the balancer will read it, in every layout (issue
 * 17, section 6), against a fake host: a map of files, an {@code nginx -t} that reads
 * nginx.conf and what its {@code include}s match (globs too), and a validator that fails
 * a file containing {@code broken}.
 */
class DeploymentValidationTests {

	private static final String GOOD = "stream {\n    server {\n        listen 5672;\n        proxy_pass rabbit;\n    }\n}\n";

	private static final String BROKEN = "stream {\n    server {\n        listen 5672;\n        broken;\n    }\n}\n";

	private static final String OLD = "stream {\n    server {\n        listen 5672;\n        proxy_pass old;\n    }\n}\n";

	/** Each way a balancer's config can be laid out on its host. */
	enum Layout {

		NGINX_FULL_CONFIG(BalancerKind.NGINX, NginxLayout.FULL_CONFIG, "/etc/nginx/nginx.conf", null),

		NGINX_INCLUDE_BY_NAME(BalancerKind.NGINX, NginxLayout.INCLUDE, "/etc/nginx/rabbitmq-stream.conf",
				"include /etc/nginx/rabbitmq-stream.conf;"),

		NGINX_INCLUDE_BY_GLOB(BalancerKind.NGINX, NginxLayout.INCLUDE, "/etc/nginx/stream.d/warren.conf",
				"include stream.d/*.conf;"),

		HAPROXY(BalancerKind.HAPROXY, NginxLayout.FULL_CONFIG, "/etc/haproxy/haproxy.cfg", null);

		final BalancerKind kind;

		final NginxLayout layout;

		final String path;

		/** The line of the host's own nginx.conf that reads the include file. */
		final String include;

		Layout(BalancerKind kind, NginxLayout layout, String path, String include) {
			this.kind = kind;
			this.layout = layout;
			this.path = path;
			this.include = include;
		}

		boolean inPlace() {
			return this.include != null;
		}

	}

	@ParameterizedTest
	@EnumSource(Layout.class)
	void aBrokenNewFileFailsValidationAndLeavesTheLiveFileAsItWas(Layout layout) {
		FakeHost host = host(layout, true);
		Map<String, String> before = new LinkedHashMap<>(host.files);
		Result result = deploy(layout, host, BROKEN, FileAccess.SUDO);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(result.summary).startsWith("Nothing changed on lb1").contains("broken");
		assertThat(host.files).isEqualTo(before);
		assertThat(host.reloads).isZero();
		assertThat(result.revisions).containsExactly(RevisionResult.FAILED);
	}

	@ParameterizedTest
	@EnumSource(Layout.class)
	void aGoodNewFileIsValidatedAndGoesLive(Layout layout) {
		FakeHost host = host(layout, true);
		Result result = deploy(layout, host, GOOD, FileAccess.SUDO);
		assertThat(result.status).as(result.summary).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(host.files).containsEntry(layout.path, GOOD).doesNotContainKey(layout.path + ".warren-new");
		assertThat(host.files.keySet()).anyMatch((name) -> name.startsWith(layout.path + ".warren-backup-"));
		assertThat(host.files.values()).contains(OLD);
		assertThat(host.reloads).isEqualTo(1);
		assertThat(result.failedSteps()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Layout.class)
	void theValidatorReadsTheNewContent(Layout layout) {
		FakeHost host = host(layout, true);
		deploy(layout, host, GOOD, FileAccess.SUDO);
		assertThat(host.validated).as("what the validator read").contains(GOOD).doesNotContain(OLD);
	}

	@Test
	void anIncludeFileIsMovedUnderItsLiveNameOnlyAfterTheBackupAndBeforeValidation() {
		Layout layout = Layout.NGINX_INCLUDE_BY_GLOB;
		FakeHost host = host(layout, true);
		deploy(layout, host, GOOD, FileAccess.SUDO);
		String staged = layout.path + ".warren-new";
		List<String> log = host.log;
		int backup = indexOf(log, "cp -p " + layout.path + " " + layout.path + ".warren-backup-");
		int move = indexOf(log, "mv -f " + staged + " " + layout.path);
		int validate = log.indexOf("nginx -t");
		int reload = log.indexOf("nginx -s reload");
		assertThat(backup).isNotNegative().isLessThan(move);
		assertThat(move).isLessThan(validate);
		assertThat(validate).isLessThan(reload);
	}

	@Test
	void aFullConfigIsStillValidatedAsTheStagedFileBeforeAnythingMoves() {
		Layout layout = Layout.NGINX_FULL_CONFIG;
		FakeHost host = host(layout, true);
		Result result = deploy(layout, host, GOOD, FileAccess.SUDO);
		String staged = layout.path + ".warren-new";
		assertThat(host.log).contains("nginx -t -c " + staged);
		assertThat(host.log.indexOf("nginx -t -c " + staged))
			.isLessThan(indexOf(host.log, "cp -p " + layout.path + " "))
			.isLessThan(host.log.indexOf("mv -f " + staged + " " + layout.path));
		assertThat(result.descriptions()).containsExactly(
				"Check the privileges of warren on lb1 (sudo -n -l, test -w, test -r: read-only)",
				"Read the current /etc/nginx/nginx.conf over SFTP and compare it with the new config; learn NGINX's "
						+ "layout on the host (nginx -T with the validate command's flags)",
				"Upload the new config over SFTP to " + host.upload,
				"Put it next to the live file as /etc/nginx/nginx.conf.warren-new", "Give it the live file's owner",
				"Give it the live file's permissions", "Validate the new config",
				"Back up the live file to " + result.backup(layout),
				"Note NGINX's master, workers and error log size before the reload", "Move the new config into place",
				"Reload NGINX",
				"Confirm the reload took: new workers, port 5672 listening, no new [emerg] in the error log",
				"AMQP round trip through the balancer");
	}

	@Test
	void theIncludeLayoutsPlanSaysWhereTheNewFileIsValidated() {
		Layout layout = Layout.NGINX_INCLUDE_BY_GLOB;
		Result result = deploy(layout, host(layout, true), GOOD, FileAccess.SUDO);
		List<String> descriptions = result.descriptions();
		int backup = indexOf(descriptions, "Back up the live file");
		int move = indexOf(descriptions, "Move the new config into place as " + layout.path);
		int validate = indexOf(descriptions, "Validate the new config");
		assertThat(backup).isNotNegative().isLessThan(move);
		assertThat(move).isLessThan(validate);
		assertThat(descriptions.get(validate)).contains(layout.path).contains("nginx -t");
		assertThat(descriptions).filteredOn((description) -> description.contains("into place")).hasSize(1);
	}

	@Test
	void aBrokenFirstIncludeFileFailsValidationAndIsRemovedAgain() {
		Layout layout = Layout.NGINX_INCLUDE_BY_GLOB;
		FakeHost host = host(layout, false);
		Map<String, String> before = new LinkedHashMap<>(host.files);
		Result result = deploy(layout, host, BROKEN, FileAccess.SUDO);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(result.summary).startsWith("Nothing changed on lb1");
		assertThat(host.files).isEqualTo(before);
		assertThat(host.log).contains("rm -f " + layout.path);
		assertThat(host.reloads).isZero();
	}

	@Test
	void aGoodFirstIncludeFileGoesLive() {
		Layout layout = Layout.NGINX_INCLUDE_BY_GLOB;
		FakeHost host = host(layout, false);
		Result result = deploy(layout, host, GOOD, FileAccess.SUDO);
		assertThat(result.status).as(result.summary).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(host.files).containsEntry(layout.path, GOOD);
	}

	@Test
	void filesWrittenAsTheSshUserAreValidatedInPlaceToo() {
		Layout layout = Layout.NGINX_INCLUDE_BY_NAME;
		FakeHost host = host(layout, true);
		Map<String, String> before = new LinkedHashMap<>(host.files);
		Result result = deploy(layout, host, BROKEN, FileAccess.SSH_USER);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(result.summary).startsWith("Nothing changed on lb1");
		assertThat(host.files).isEqualTo(before);
		assertThat(host.asLoginUser).contains("mv -f " + layout.path + ".warren-new " + layout.path)
			.doesNotContain("nginx -t");
	}

	@Test
	void whenTheRestoreFailsTheSummarySaysWhereEachFileIs() {
		Layout layout = Layout.NGINX_INCLUDE_BY_GLOB;
		FakeHost host = host(layout, true);
		host.failing.add("mv -f " + layout.path + ".warren-backup-");
		Result result = deploy(layout, host, BROKEN, FileAccess.SUDO);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(result.summary).startsWith("ATTENTION")
			.contains("did not pass validation")
			.contains("NEW config")
			.contains(result.backup(layout))
			.contains("not reloaded");
		assertThat(host.files).containsEntry(layout.path, BROKEN).containsEntry(result.backup(layout), OLD);
		assertThat(host.reloads).isZero();
	}

	@Test
	void anIncludeFileNginxDoesNotReadIsRefusedBeforeAnythingIsUploaded() {
		Layout layout = Layout.NGINX_INCLUDE_BY_GLOB;
		FakeHost host = host(layout, true);
		host.files.put("/etc/nginx/nginx.conf", "events {}\nstream { include conf.d/*.conf; }\n");
		Map<String, String> before = new LinkedHashMap<>(host.files);
		Result result = deploy(layout, host, GOOD, FileAccess.SUDO);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(result.summary).startsWith("Nothing changed on lb1 (nothing was uploaded)")
			.contains("NGINX does not read " + layout.path, "/etc/nginx/conf.d/*.conf", "include " + layout.path + ";");
		assertThat(host.files).isEqualTo(before);
		assertThat(host.reloads).isZero();
	}

	@Test
	void aRefusedPushLeavesNoUploadOrStagedFileBehind() {
		Layout layout = Layout.NGINX_FULL_CONFIG;
		FakeHost host = host(layout, true);
		Result result = deploy(layout, host, BROKEN, FileAccess.SUDO);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(host.files.keySet()).noneMatch((path) -> path.startsWith("/tmp/warren-upload-"))
			.noneMatch((path) -> path.endsWith(".warren-new"));
		assertThat(result.descriptions()).anyMatch((description) -> description.startsWith("Clean up: remove"));
	}

	@Test
	void aFailedCleanUpIsOnTheRunPageAndInTheSummaryWithTheCommandToFinishIt() {
		Layout layout = Layout.NGINX_FULL_CONFIG;
		FakeHost host = host(layout, true);
		host.failing.add("rm -f /tmp/warren-upload-");
		Result result = deploy(layout, host, BROKEN, FileAccess.SUDO);
		assertThat(result.status).isEqualTo(RunStatus.FAILED);
		assertThat(result.summary).startsWith("Nothing changed on lb1")
			.contains("broken")
			.contains("Cleaning up ALSO failed")
			.contains("rm -f /tmp/warren-upload-")
			.contains(layout.path + ".warren-new");
		assertThat(result.failed).anyMatch((description) -> description.startsWith("Clean up: remove"));
	}

	private static int indexOf(List<String> lines, String prefix) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith(prefix)) {
				return i;
			}
		}
		return -1;
	}

	private static FakeHost host(Layout layout, boolean hadFile) {
		FakeHost host = new FakeHost(layout);
		if (layout.inPlace()) {
			host.files.put("/etc/nginx/nginx.conf", "events {}\n" + layout.include + "\n");
			host.files.put("/etc/nginx/stream.d/other.conf.disabled", "broken: never included\n");
		}
		if (hadFile) {
			host.files.put(layout.path, OLD);
		}
		return host;
	}

	private static Result deploy(Layout layout, FakeHost host, String content, FileAccess access) {
		BalancerKind.Defaults defaults = layout.kind.defaults(OperatingSystem.LINUX, layout.layout);
		BalancerView balancer = new BalancerView(7, "front", layout.kind, 3, "rabbits", 1, "lb1", "0.0.0.0", 5672,
				layout.path, defaults.validateCommand(), defaults.reloadCommand(), Instant.EPOCH, Instant.EPOCH,
				BalancingMethod.ROUND_ROBIN, 5, 3600, 1, 10, 5000, 3, 2, false, 15672, false, layout.layout, access,
				List.of(), "rabbitmq_amqp", null, null);
		ServerView server = new ServerView(1, "lb1", "lb1.example", 22, "warren",
				new ServerView.AuthView(AuthType.PRIVATE_KEY, false, true, false), OperatingSystem.LINUX, null, 5672,
				15672, null, false, "/usr/sbin/rabbitmqctl", true, List.of(), Instant.EPOCH, Instant.EPOCH);
		Revisions revisions = new Revisions();
		FakeRun run = new FakeRun(host);
		Instant now = Instant.parse("2025-01-02T03:04:05Z");
		Deployment.Outcome outcome = new Deployment(balancer, server, content, null, "no AMQP in this test", null,
				revisions, now)
			.deploy(run);
		return new Result(outcome.status(), outcome.summary(), run.steps, run.failed, revisions.results);
	}

	private record Result(RunStatus status, String summary, List<StepPlan> steps, List<String> failed,
			List<RevisionResult> revisions) {

		List<String> descriptions() {
			return this.steps.stream().map(StepPlan::description).toList();
		}

		List<String> failedSteps() {
			return this.failed;
		}

		String backup(Layout layout) {
			return layout.path + ".warren-backup-20250102T030405Z";
		}

	}

	/** Records results instead of saving them. */
	private static final class Revisions extends BalancerRevisions {

		final List<RevisionResult> results = new ArrayList<>();

		Revisions() {
			super(null, null, null);
		}

		@Override
		BalancerRevisionView record(long balancerId, String content, String actor, Long runId, RevisionResult result,
				String summary) {
			this.results.add(result);
			return null;
		}

	}

	/** Runs each step in the calling thread and keeps what happened. */
	private static final class FakeRun implements RunControl {

		final List<StepPlan> steps = new ArrayList<>();

		final List<String> failed = new ArrayList<>();

		final FakeHost host;

		FakeRun(FakeHost host) {
			this.host = host;
		}

		@Override
		public long runId() {
			return 42;
		}

		@Override
		public String actor() {
			return "alice";
		}

		@Override
		public void preflight(List<PreflightCheck> checks) {
		}

		@Override
		public List<Integer> plan(List<StepPlan> steps) {
			List<Integer> positions = new ArrayList<>();
			for (StepPlan step : steps) {
				this.steps.add(step);
				positions.add(this.steps.size());
			}
			return positions;
		}

		@Override
		public StepResult command(int position, ServerView server, CommandLine command, Duration timeout) {
			throw new UnsupportedOperationException();
		}

		@Override
		public StepResult command(int position, ServerView server, CommandLine command, Duration timeout,
				Function<CommandResult, String> judge) {
			throw new UnsupportedOperationException();
		}

		@Override
		public StepResult action(int position, Callable<String> work) {
			try {
				work.call();
				return new StepResult(true, null, null);
			}
			catch (Exception ex) {
				this.failed.add(this.steps.get(position - 1).description() + ": " + ex.getMessage());
				return new StepResult(false, null, ex.getMessage());
			}
		}

		@Override
		public RemoteSession session(ServerView server) {
			return this.host;
		}

		@Override
		public void finish(RunStatus outcome, String summary) {
		}

	}

	/**
	 * A host as a map of files; NGINX and HAProxy read what they would read, and any file
	 * they read that contains {@code broken} fails validation.
	 */
	private static final class FakeHost implements RemoteSession {

		private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include\\s+([^;\\s]+)\\s*;");

		final Map<String, String> files = new LinkedHashMap<>();

		final List<String> log = new ArrayList<>();

		final List<String> asLoginUser = new ArrayList<>();

		/** Commands (by prefix) that fail with "Permission denied". */
		final Set<String> failing = new HashSet<>();

		/** Every file content the validator read. */
		final List<String> validated = new ArrayList<>();

		final Layout layout;

		String upload;

		int reloads;

		FakeHost(Layout layout) {
			this.layout = layout;
		}

		@Override
		public long serverId() {
			return 1;
		}

		@Override
		public ShellDialect dialect() {
			throw new UnsupportedOperationException();
		}

		@Override
		public CommandResult run(CommandLine command, Duration timeout, OutputListener listener) {
			return answer(command);
		}

		@Override
		public CommandResult runAsLoginUser(CommandLine command, Duration timeout, OutputListener listener) {
			this.asLoginUser.add(String.join(" ", command.arguments()));
			return answer(command);
		}

		@Override
		public void upload(String remotePath, byte[] content) {
			this.upload = remotePath;
			this.files.put(remotePath, new String(content, StandardCharsets.UTF_8));
		}

		@Override
		public byte[] download(String remotePath) {
			return this.files.get(remotePath).getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public void close() {
		}

		private CommandResult answer(CommandLine command) {
			List<String> a = command.arguments();
			String line = String.join(" ", a);
			this.log.add(line);
			if (this.failing.stream().anyMatch(line::startsWith)) {
				return result(line, 1, "", a.get(0) + ": Permission denied");
			}
			return switch (a.get(0)) {
				case "sudo" -> result(line, 0, "/usr/bin/" + a.get(3), "");
				case "test", "sh", "chown", "chmod", "tail" -> result(line, 0, "", "");
				case "stat" -> stat(line, a);
				case "mv" -> move(line, a.get(2), a.get(3), true);
				case "cp" -> move(line, a.get(2), a.get(3), false);
				case "rm" -> {
					a.subList(2, a.size()).forEach(this.files::remove);
					yield result(line, 0, "", "");
				}
				case "cat" -> result(line, 0, "100\n", "");
				case "ps" ->
					result(line, 0, a.contains("-C") ? (200 + this.reloads) + "\n" : (101 + this.reloads) + "\n", "");
				case "ss" -> result(line, 0, "LISTEN 0 128 0.0.0.0:5672 0.0.0.0:* users:((\"haproxy\",pid="
						+ (200 + this.reloads) + ",fd=7))\n", "");
				case "nginx" -> a.contains("-s") ? reload(line) : nginx(line, a);
				case "haproxy" -> check(line, List.of(a.get(a.indexOf("-f") + 1)));
				case "systemctl" -> reload(line);
				default -> result(line, 127, "", a.get(0) + ": command not found");
			};
		}

		private CommandResult stat(String line, List<String> a) {
			if (a.contains("%s")) {
				return result(line, 0, "0\n", "");
			}
			String path = a.get(a.size() - 1);
			return this.files.containsKey(path) ? result(line, 0, "regular file\n", "")
					: result(line, 1, "", "stat: cannot statx '" + path + "': No such file or directory");
		}

		private CommandResult move(String line, String from, String to, boolean remove) {
			if (!this.files.containsKey(from)) {
				return result(line, 1, "", "cannot stat '" + from + "': No such file or directory");
			}
			this.files.put(to, remove ? this.files.remove(from) : this.files.get(from));
			return result(line, 0, "", "");
		}

		private CommandResult reload(String line) {
			this.reloads++;
			return result(line, 0, "", "");
		}

		/** nginx -t -c FILE reads FILE; nginx -t reads nginx.conf and its includes. */
		private CommandResult nginx(String line, List<String> a) {
			List<String> read = a.contains("-c") ? List.of(a.get(a.indexOf("-c") + 1)) : reads();
			if (!a.contains("-T")) {
				return check(line, read);
			}
			// nginx -T: the files it reads, as sections, without validating anything.
			StringBuilder dump = new StringBuilder();
			for (String file : read) {
				String content = this.files.get(file);
				if (content == null) {
					return result(line, 1, "", "[emerg] open() \"" + file + "\" failed (2: No such file or directory)");
				}
				dump.append("# configuration file ").append(file).append(":\n").append(content).append("\n");
			}
			return result(line, 0, dump.toString(), "the configuration file syntax is ok");
		}

		private List<String> reads() {
			List<String> read = new ArrayList<>(List.of("/etc/nginx/nginx.conf"));
			Matcher include = INCLUDE.matcher(this.files.getOrDefault("/etc/nginx/nginx.conf", ""));
			while (include.find()) {
				String pattern = include.group(1).startsWith("/") ? include.group(1) : "/etc/nginx/" + include.group(1);
				if (!pattern.contains("*")) {
					read.add(pattern);
					continue;
				}
				Pattern glob = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E[^/]*\\Q"));
				this.files.keySet().stream().filter((name) -> glob.matcher(name).matches()).sorted().forEach(read::add);
			}
			return read;
		}

		private CommandResult check(String line, List<String> read) {
			for (String file : read) {
				String content = this.files.get(file);
				if (content == null) {
					return result(line, 1, "", "[emerg] open() \"" + file + "\" failed (2: No such file or directory)");
				}
				this.validated.add(content);
				if (content.contains("broken")) {
					return result(line, 1, "", "[emerg] unknown directive \"broken\" in " + file + ":4");
				}
			}
			return result(line, 0, "", "the configuration file syntax is ok");
		}

		private static CommandResult result(String line, int exitCode, String stdout, String stderr) {
			return new CommandResult(line, exitCode, stdout, stderr, Instant.EPOCH, Duration.ZERO);
		}

	}

}
