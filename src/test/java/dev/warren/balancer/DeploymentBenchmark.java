package dev.warren.balancer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.audit.AuditView;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.rabbitmq.AmqpProbeResult;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.BenchFigures;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One NGINX deployment by Warren (read and diff, upload, validate, back up, reload,
 * confirm, AMQP round trip) against the same SSH commands run by
 * {@code bench/plain-nginx-deploy.sh} plus the same AMQP round trip, alternately, on the
 * lab's NGINX. Run with {@code bench/run}; writes {@code target/bench/deployment.md}.
 */
@Tag("bench")
@LabTest
@WarrenTest
class DeploymentBenchmark {

	private static final int ROUNDS = 5;

	private static final int WARREN_PORT = 5731;

	private static final int SHELL_PORT = 5732;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	BalancerDeployments deployments;

	@Autowired
	BalancerConfigs configs;

	@Autowired
	Balancers balancers;

	@Autowired
	Runs runs;

	@Autowired
	AmqpProbe probe;

	@Autowired
	AuditLog audit;

	@TempDir
	Path dir;

	@Test
	void measuresWarrensOwnTimeForOneNginxDeployment() throws Exception {
		Lab lab = Lab.find().orElseThrow();
		Api api = new Api(this.mvc);
		LabNginx nginx = new LabNginx(lab);
		LabCluster nodes = new LabCluster(lab, api, this.shells);
		long host = nodes.rootServerWithPorts(0);
		long cluster = api.cluster(host, nodes.rootServerWithPorts(1), nodes.rootServerWithPorts(2));
		long warrenBalancer = Json
			.id(Api.body(api.post("/api/v1/balancers", nginx.balancer(cluster, host, WARREN_PORT)), 201));
		long shellBalancer = Json
			.id(Api.body(api.post("/api/v1/balancers", nginx.balancer(cluster, host, SHELL_PORT)), 201));
		Path shellConfig = this.dir.resolve("nginx.conf");
		Files.writeString(shellConfig, nginx.forTheLab(this.configs.render(this.balancers.get(shellBalancer))));

		String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
		List<Double> warren = new ArrayList<>();
		List<Double> warrenRun = new ArrayList<>();
		List<Double> mux = new ArrayList<>();
		List<Double> fresh = new ArrayList<>();
		List<Double> amqp = new ArrayList<>();
		List<RunView> counted = new ArrayList<>();
		try {
			// The first round warms up the JVM and both paths; it is not counted.
			for (int round = 0; round <= ROUNDS; round++) {
				double muxSeconds = plain(lab, nginx, shellConfig, "mux");
				double roundTrip = roundTrip(SHELL_PORT);
				RunView run = deploy(warrenBalancer, nginx);
				double freshSeconds = plain(lab, nginx, shellConfig, "fresh") + roundTrip(SHELL_PORT);
				RunView again = deploy(warrenBalancer, nginx);
				if (round > 0) {
					mux.add(muxSeconds + roundTrip);
					amqp.add(roundTrip);
					fresh.add(freshSeconds);
					warren.add(seconds(Duration.between(run.createdAt(), run.endedAt())));
					warren.add(seconds(Duration.between(again.createdAt(), again.endedAt())));
					warrenRun.add(seconds(Duration.between(run.startedAt(), run.endedAt())));
					warrenRun.add(seconds(Duration.between(again.startedAt(), again.endedAt())));
					counted.add(run);
					counted.add(again);
				}
			}
		}
		finally {
			nginx.restore();
		}
		LabCluster.waitUntil(Duration.ofSeconds(15),
				() -> this.probe
					.roundTrip(new AmqpEndpoint("127.0.0.1", nginx.port(), "guest", "guest", "/"),
							Duration.ofSeconds(5))
					.up());

		double overhead = median(warren) - median(mux);
		List<AuditView> commands = benchCommands();
		List<Double> remote = new ArrayList<>();
		List<Double> rest = new ArrayList<>();
		List<Double> commandCounts = new ArrayList<>();
		for (RunView run : counted) {
			List<AuditView> inRun = commands.stream()
				.filter((command) -> !command.occurredAt().isBefore(run.startedAt())
						&& !command.occurredAt().isAfter(run.endedAt()))
				.toList();
			double inside = inRun.stream().mapToLong(DeploymentBenchmark::durationMillis).sum() / 1000.0;
			remote.add(inside);
			rest.add(seconds(Duration.between(run.startedAt(), run.endedAt())) - inside);
			commandCounts.add((double) inRun.size());
		}
		String report = """
				## One NGINX deployment: Warren against the plain SSH round trips

				Lab NGINX on loopback, OpenSSH on 127.0.0.1; %d rounds after a warm-up, alternating, medians.
				The shell runs `bench/plain-nginx-deploy.sh`: the commands of Warren's run (test and read the live
				file, upload, mv, chown, chmod, `nginx -t`, back up, note master/workers/log size, mv, reload, poll
				every 250 ms for new workers, the port and no new `[emerg]`) each as one `ssh` call, then the same
				AMQP round trip through the new port. /proc/loadavg before: %s; after: %s.

				| what | median | rounds (s) |
				|---|---|---|
				| plain shell, one SSH connection for all commands (ControlMaster), + AMQP round trip | %.2f s | %s |
				| plain shell, a new SSH connection per command, + AMQP round trip | %.2f s | %s |
				| the AMQP round trip alone (fresh connection, publish, consume) | %.3f s | %s |
				| Warren: one deployment run, from the request to the verdict | %.2f s | %s |
				| Warren: the same, from the run's start (after its queueing) | %.2f s | %s |
				| Warren: inside its SSH commands and SFTP transfers (their durations in the audit log; %.0f per run) | %.2f s | %s |
				| Warren: the rest of the run (SSH connect, the confirm's 250 ms waits, AMQP round trip, every step persisted and streamed, the diff) | %.2f s | %s |
				| **Warren's own time: Warren − plain shell on one connection** (goal ≤ 1.5 s) | **%.2f s** | |
				"""
			.formatted(ROUNDS, loadBefore, Files.readString(Path.of("/proc/loadavg")).strip(), median(mux), list(mux),
					median(fresh), list(fresh), median(amqp), list(amqp), median(warren), list(warren),
					median(warrenRun), list(warrenRun), median(commandCounts), median(remote), list(remote),
					median(rest), list(rest), overhead);
		Path out = Path.of("target/bench/deployment.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
		new BenchFigures("deployment")
			.figure("one NGINX deployment by Warren, request to verdict (median of " + warren.size() + ")",
					secs(median(warren)))
			.figure("the same commands as plain `ssh` calls over one connection + AMQP round trip", secs(median(mux)))
			.figure("Warren's own time per deployment: Warren − plain SSH round trips", secs(overhead), "≤ 1.5 s",
					overhead <= 1.5)
			.write();
		assertThat(warren).hasSize(2 * ROUNDS);
	}

	/**
	 * The remote commands and transfers Warren ran for the benchmark, from the audit log.
	 */
	private List<AuditView> benchCommands() {
		List<AuditView> all = new ArrayList<>();
		for (int page = 0;; page++) {
			var views = this.audit.search(new AuditFilter("bench", null, "SERVER", null), page);
			all.addAll(views.getContent());
			if (!views.hasNext()) {
				return all;
			}
		}
	}

	private static long durationMillis(AuditView view) {
		Matcher matcher = DURATION.matcher((view.after() != null) ? view.after() : "");
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	private static final Pattern DURATION = Pattern.compile("\"durationMillis\"\\s*:\\s*(\\d+)");

	private RunView deploy(long balancer, LabNginx nginx) {
		long runId = this.deployments.deploy(balancer, "bench", nginx::forTheLab);
		LabCluster.waitUntil(Duration.ofSeconds(60), () -> !this.runs.get(runId).active());
		RunView run = this.runs.get(runId);
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		return run;
	}

	private double roundTrip(int port) {
		long start = System.nanoTime();
		AmqpProbeResult result = this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"),
				Duration.ofSeconds(5));
		assertThat(result.up()).as(result.detail()).isTrue();
		return (System.nanoTime() - start) / 1e9;
	}

	private static double plain(Lab lab, LabNginx nginx, Path config, String mode) throws Exception {
		long start = System.nanoTime();
		Process process = new ProcessBuilder("bench/plain-nginx-deploy.sh", lab.get("ssh.root.keyFile"),
				lab.get("ssh.port"), nginx.conf().toString(), config.toString(), String.valueOf(SHELL_PORT),
				lab.get("nginx.pidFile"), lab.get("nginx.errorLog"), mode)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(process.exitValue()).as(output).isZero();
		return seconds;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static String list(List<Double> values) {
		return String.join(", ", values.stream().map((v) -> String.format(Locale.ROOT, "%.2f", v)).toList());
	}

	private static String secs(double value) {
		return String.format(Locale.ROOT, "%.2f s", value);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
