package dev.warren.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.warren.clustering.ClusterJoins;
import dev.warren.clustering.JoinRequest;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.clustering.StepView;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.BenchFigures;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warren's join against the plain shell sequence an administrator would type (three
 * {@code ssh … rabbitmqctl …} calls), alternately, on the lab's real nodes; and the
 * preflight time for one node against all lab nodes. Run with {@code bench/run}; writes
 * {@code target/bench/join.md}.
 */
@Tag("bench")
@LabTest
@WarrenTest
class JoinBenchmark {

	private static final int ROUNDS = 3;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	ClusterJoins joins;

	@Autowired
	Runs runs;

	@Test
	void measuresJoinOverheadAndPreflightScaling() throws Exception {
		Lab lab = Lab.find().orElseThrow();
		Api api = new Api(this.mvc);
		LabCluster nodes = new LabCluster(lab, api, this.shells);
		String primaryNode = nodes.node(0);
		String joiningNode = nodes.node(1);
		long primary = nodes.rootServer(primaryNode);
		long hare = nodes.rootServer(joiningNode);
		long bunny = nodes.rootServer(nodes.node(2));
		long cluster = api.cluster(primary, hare, bunny);

		List<Double> shell = new ArrayList<>();
		List<Double> warren = new ArrayList<>();
		List<Double> warrenTotal = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			shell.add(plainShellJoin(lab, joiningNode, primaryNode));
			nodes.makeStandalone(joiningNode);
			RunView run = join(cluster, List.of(hare));
			warren.add(commandPhase(run, 3));
			warrenTotal.add(seconds(Duration.between(run.startedAt(), run.endedAt())));
			nodes.makeStandalone(joiningNode);
		}

		List<Double> preflightOne = new ArrayList<>();
		List<Double> preflightAll = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			preflightOne
				.add(time(() -> this.joins.preflight(cluster, new JoinRequest(List.of(hare), null, null), "bench")));
			preflightAll.add(time(
					() -> this.joins.preflight(cluster, new JoinRequest(List.of(hare, bunny), null, null), "bench")));
		}

		double ratio = median(warren) / median(shell);
		String report = """
				## Join: Warren against the plain shell sequence

				Lab: RabbitMQ 3.10 nodes on loopback, OpenSSH on 127.0.0.1; %d rounds, alternating, medians.

				| what | median | rounds (s) |
				|---|---|---|
				| plain shell: `ssh … stop_app`, `ssh … join_cluster`, `ssh … start_app` | %.2f s | %s |
				| Warren: the same three commands (one SSH session, output streamed and recorded) | %.2f s | %s |
				| **ratio Warren / shell** (goal ≤ 1.05) | **%.3f** | |
				| Warren: whole run (preflight, three commands, verification on both nodes) | %.2f s | %s |
				| preflight, primary + 1 joining node | %.2f s | %s |
				| preflight, primary + 2 joining nodes (in parallel) | %.2f s | %s |
				""".formatted(ROUNDS, median(shell), list(shell), median(warren), list(warren), ratio,
				median(warrenTotal), list(warrenTotal), median(preflightOne), list(preflightOne), median(preflightAll),
				list(preflightAll));
		Path out = Path.of("target/bench/join.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
		new BenchFigures("join")
			.figure("join of one node: three plain `ssh … rabbitmqctl …` calls (median of " + ROUNDS + ")",
					secs(median(shell)))
			.figure("the same three commands run by Warren", secs(median(warren)))
			.figure("join overhead ratio Warren / plain shell", String.format(java.util.Locale.ROOT, "%.2f", ratio),
					"≤ 1.05", ratio <= 1.05)
			.figure("whole join run (preflight, commands, verification)", secs(median(warrenTotal)))
			.figure("preflight, primary + 1 joining node", secs(median(preflightOne)))
			.figure("preflight, primary + 2 joining nodes (in parallel)", secs(median(preflightAll)))
			.write();
		assertThat(shell).hasSize(ROUNDS);
	}

	private RunView join(long cluster, List<Long> servers) {
		long runId = this.joins.start(cluster, new JoinRequest(servers, null, null), "bench", null);
		LabCluster.waitUntil(Duration.ofMinutes(3), () -> !this.runs.get(runId).active());
		RunView run = this.runs.get(runId);
		assertThat(run.summary()).startsWith("Joined");
		return run;
	}

	/**
	 * From the start of the first command to the end of the n-th: the same work as the
	 * shell's.
	 */
	private static double commandPhase(RunView run, int commands) {
		List<StepView> steps = run.steps();
		Instant start = steps.get(0).startedAt();
		Instant end = steps.get(commands - 1).endedAt();
		return seconds(Duration.between(start, end));
	}

	private static double plainShellJoin(Lab lab, String node, String primary) throws Exception {
		long start = System.nanoTime();
		ssh(lab, "rabbitmqctl -n " + node + " stop_app");
		ssh(lab, "rabbitmqctl -n " + node + " join_cluster " + primary);
		ssh(lab, "rabbitmqctl -n " + node + " start_app");
		return (System.nanoTime() - start) / 1e9;
	}

	private static void ssh(Lab lab, String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("ssh", "-i", lab.get("ssh.root.keyFile"), "-p", lab.get("ssh.port"), "-o",
				"StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o",
				"LogLevel=ERROR", "root@127.0.0.1", command)
			.redirectErrorStream(true)
			.start();
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(command).isZero();
	}

	private static double time(Runnable work) {
		long start = System.nanoTime();
		work.run();
		return (System.nanoTime() - start) / 1e9;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static String list(List<Double> values) {
		return String.join(", ", values.stream().map((v) -> String.format(java.util.Locale.ROOT, "%.2f", v)).toList());
	}

	private static String secs(double value) {
		return String.format(java.util.Locale.ROOT, "%.2f s", value);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
