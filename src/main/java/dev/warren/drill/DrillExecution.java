package dev.warren.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Connection;
import dev.warren.balancer.BalancerView;
import dev.warren.clustering.ClusteringProperties;
import dev.warren.clustering.PreflightCheck;
import dev.warren.clustering.RunControl;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.StepPlan;
import dev.warren.clustering.StepResult;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.ServerView;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.RabbitmqCommands;
import dev.warren.rabbitmq.RabbitmqNode;
import dev.warren.remote.CommandLine;
import dev.warren.remote.ShellDialect;

/**
 * One drill, as the steps of a run: check again, declare the queue, start the traffic,
 * {@code stop_app}, wait, {@code start_app}, verify the node rejoined, wait for the
 * balancer to use it again, drain, count, clean up. Whatever happens, the node is started
 * again or the run says loudly how to do it.
 */
final class DrillExecution {

	private final Drills drills;

	private final DrillSetup setup;

	private final DrillProperties properties;

	private final ClusteringProperties clustering;

	private final CompletableFuture<Long> drillId;

	private final DrillRecorder recorder;

	DrillExecution(Drills drills, DrillSetup setup, DrillProperties properties, ClusteringProperties clustering,
			CompletableFuture<Long> drillId, DrillRecorder recorder) {
		this.drills = drills;
		this.setup = setup;
		this.properties = properties;
		this.clustering = clustering;
		this.drillId = drillId;
		this.recorder = recorder;
	}

	void run(RunControl run) {
		long id = drillId();
		boolean ended = false;
		try {
			DrillReport report = drill(run);
			this.recorder.ended(id, report, run.actor());
			ended = true;
			run.finish((report.result() == DrillResult.PASSED) ? RunStatus.SUCCEEDED : RunStatus.FAILED,
					report.summary());
		}
		finally {
			if (!ended) {
				this.recorder.ended(id, DrillReport.failedEarly("The drill crashed: see its run."), run.actor());
			}
		}
	}

	private DrillReport drill(RunControl run) {
		DrillSetup s = this.setup;
		ServerView victim = s.server();
		String node = victim.nodeName();
		List<PreflightCheck> checks = SafetyRules.check(s.cluster(), victim, this.drills.read(s.members(), run.actor()),
				s.fronting(), s.balancer(), null);
		run.preflight(checks);
		if (!SafetyRules.passed(checks)) {
			return DrillReport.failedEarly("A safety check failed, so nothing was stopped: " + String.join("; ",
					checks.stream()
						.filter(PreflightCheck::failed)
						.map((c) -> c.server() + ": " + c.detail())
						.toList()));
		}
		RabbitmqNode rabbit = RabbitmqNode.of(victim);
		CommandLine stopApp = RabbitmqCommands.stopApp(rabbit);
		CommandLine startApp = RabbitmqCommands.startApp(rabbit);
		String queue = "warren-drill-" + run.runId();
		String through = s.balancer().name() + " (" + s.amqp().host() + ":" + s.amqp().port() + ")";
		List<Integer> at = run.plan(List.of(
				new StepPlan(s.declareOn(), "Declare the drill's durable " + s.queueType() + " queue " + queue, null),
				new StepPlan(s.balancerHost(),
						"Start a publisher, a consumer and a prober through " + through + "; traffic flows for "
								+ this.properties.warmUp().toSeconds() + " s",
						null),
				new StepPlan(victim, "Stop the RabbitMQ application on " + node, stopApp),
				new StepPlan(victim, "Wait " + s.stopFor().toSeconds() + " s with " + node + " stopped", null),
				new StepPlan(victim, "Start the RabbitMQ application on " + node, startApp),
				new StepPlan(victim, "Verify: every member sees " + node + " running", null),
				new StepPlan(s.balancerHost(),
						"Wait until " + s.balancer().name() + " sends new connections to " + node + " again (up to "
								+ this.properties.backTimeout().toSeconds() + " s)",
						null),
				new StepPlan(s.balancerHost(),
						"Stop publishing, let the consumer drain (up to " + this.properties.drainTimeout().toSeconds()
								+ " s) and count",
						null),
				new StepPlan(s.balancerHost(), "Delete the drill's queue " + queue, null)));
		StepResult declared = run.action(at.get(0), () -> declare(queue));
		if (!declared.succeeded()) {
			return DrillReport
				.failedEarly("Could not declare the drill's queue, so nothing was stopped: " + declared.reason());
		}
		NodeLocator locator = new NodeLocator(s.management());
		try (DrillTraffic traffic = new DrillTraffic(s.amqp(), queue, "warren-drill-" + run.runId(), node, locator,
				this.properties)) {
			StepResult flowing = run.action(at.get(1), () -> {
				traffic.start();
				sleep(this.properties.warmUp());
				if (traffic.tally().receivedCount() == 0) {
					throw new IllegalStateException("no message came back through " + through + " within "
							+ this.properties.warmUp().toSeconds() + " s");
				}
				return "Traffic flows. The clients' connections landed on " + traffic.placements() + ". "
						+ snapshot(traffic, node)
						+ (locator.usable() ? ""
								: "\nNo member's management API can be used (no management login in Warren's "
										+ "inventory, and guest only works on loopback): the prober can count "
										+ "failed connections but cannot tell which node a connection landed on.");
			});
			if (!flowing.succeeded()) {
				traffic.close();
				deleteQuietly(queue);
				skip(run, at, 2);
				return DrillReport.failedEarly(
						"Traffic did not flow through " + through + ", so nothing was stopped: " + flowing.reason());
			}
			long stopSentAt = traffic.now();
			StepResult stopped = run.command(at.get(2), victim, stopApp, this.clustering.commandTimeout());
			if (stopped.succeeded()) {
				run.action(at.get(3), () -> {
					sleep(this.setup.stopFor());
					return "While " + node + " was stopped: " + snapshot(traffic, node);
				});
			}
			else {
				// stop_app may have stopped the application and failed late (a timeout):
				// start_app on a running node does no harm, so it runs anyway.
				run.action(at.get(3),
						() -> "Skipped: stop_app failed; start_app runs next to be sure " + node + " is running");
			}
			long startSentAt = traffic.now();
			StepResult started = run.command(at.get(4), victim, startApp, this.clustering.commandTimeout());
			long startDoneAt = traffic.now();
			String recovery = null;
			boolean rejoined = false;
			if (!started.succeeded()) {
				// stop_app that answered with an error stopped nothing: no false alarm
				// then.
				recovery = (!stopped.succeeded() && stopped.exitCode() != null)
						? "Neither stop_app (" + stopped.reason() + ") nor start_app (" + started.reason() + ") ran on "
								+ node + ", so the drill most likely stopped nothing; check it on " + victim.name()
								+ " before the next drill."
						: "ATTENTION: " + node + "'s application is STOPPED: start_app failed (" + started.reason()
								+ "). Start it on " + victim.name() + " with: " + render(victim, startApp);
				run.action(at.get(5), () -> {
					throw new IllegalStateException("start_app failed: " + node + " cannot rejoin");
				});
			}
			else {
				StepResult verified = run.action(at.get(5), () -> verify(run.actor()));
				rejoined = verified.succeeded();
			}
			if (started.succeeded() && locator.usable()) {
				run.action(at.get(6), () -> waitUntilBack(traffic, node, startSentAt));
			}
			else {
				run.action(at.get(6), () -> started.succeeded()
						? "Skipped: which node a connection lands on cannot be told without a management API login"
						: "Skipped: " + node + " did not start");
			}
			StepResult counted = run.action(at.get(7), () -> {
				traffic.stopPublishing();
				boolean drained = traffic.drain(this.properties.drainTimeout());
				return (drained ? "Every confirmed message arrived. " : "Not every confirmed message arrived. ")
						+ snapshot(traffic, node);
			});
			MessageTally.MessageFigures messages = traffic.tally().figures();
			traffic.close();
			run.action(at.get(8), () -> {
				traffic.deleteQueue();
				return "Deleted " + queue;
			});
			ProbeTimeline.BalancerTimes times = ProbeTimeline.measure(traffic.timeline().probes(), node, stopSentAt,
					startSentAt, startDoneAt);
			boolean passed = stopped.succeeded() && counted.succeeded() && messages.lost() == 0 && rejoined
					&& recovery == null;
			String summary = DrillFigures.summary(node, messages, times, rejoined, traffic.reconnections());
			if (!stopped.succeeded()) {
				summary = "stop_app failed on " + node + " (" + stopped.reason() + "), so this was no drill. "
						+ summary;
			}
			if (recovery != null) {
				summary = recovery + " " + summary;
			}
			return new DrillReport(passed ? DrillResult.PASSED : DrillResult.FAILED, s.queueType(), rejoined, messages,
					times, summary, DrillFigures.measurement(node, s, this.properties, locator.usable(), stopSentAt,
							startSentAt, startDoneAt));
		}
	}

	private String declare(String queue) throws Exception {
		Map<String, Object> arguments = this.setup.queueType().equals("quorum") ? Map.of("x-queue-type", "quorum")
				: Map.of("x-queue-master-locator", "client-local");
		try (Connection connection = DrillTraffic.factory(this.setup.declareThrough())
			.newConnection("warren-drill-declare")) {
			connection.createChannel().queueDeclare(queue, true, false, false, arguments);
		}
		return "Declared " + queue + " (durable, " + this.setup.queueType() + ") through "
				+ this.setup.declareThrough().host() + ":" + this.setup.declareThrough().port()
				+ (this.setup.queueType().equals("quorum")
						? ": replicated on every member, a new leader is elected "
								+ "when the node holding the leader stops"
						: ": a classic queue lives on the node it was declared on, " + this.setup.declareOn().nodeName()
								+ ", which stays up");
	}

	private String verify(String actor) {
		String node = this.setup.server().nodeName();
		long deadline = System.nanoTime() + this.clustering.settleTime().toNanos();
		while (true) {
			List<SafetyRules.NodeReading> readings = this.drills.read(this.setup.members(), actor);
			List<String> problems = new ArrayList<>();
			for (SafetyRules.NodeReading reading : readings) {
				if (reading.status() == null) {
					problems.add(reading.server().nodeName() + ": " + reading.problem());
				}
				else if (!reading.status().runningNodes().contains(node)) {
					problems.add(reading.server().nodeName() + " sees running " + reading.status().runningNodes());
				}
				else if (reading.status().hasPartitions()) {
					problems.add(reading.server().nodeName() + " reports partitions " + reading.status().partitions());
				}
			}
			if (problems.isEmpty()) {
				return "Every member (" + readings.size() + ") sees " + node + " running, no partitions:\n"
						+ String.join("\n",
								readings.stream()
									.map((r) -> r.server().nodeName() + ": running " + r.status().runningNodes())
									.toList());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(node + " has not rejoined: " + String.join("; ", problems));
			}
			sleep(Duration.ofSeconds(2));
		}
	}

	private String waitUntilBack(DrillTraffic traffic, String node, long startSentAt) {
		long deadline = System.nanoTime() + this.properties.backTimeout().toNanos();
		while (!traffic.timeline().landedOn(node, startSentAt) && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(100));
		}
		return traffic.timeline().landedOn(node, startSentAt)
				? "A new connection through the balancer landed on " + node + " again. " + snapshot(traffic, node)
				: "No new connection landed on " + node + " within " + this.properties.backTimeout().toSeconds()
						+ " s (passive balancers such as NGINX try a failed server again only after its fail_timeout). "
						+ snapshot(traffic, node);
	}

	private static String snapshot(DrillTraffic traffic, String node) {
		MessageTally.MessageFigures m = traffic.tally().figures();
		List<ProbeTimeline.Probe> probes = traffic.timeline().probes();
		long onNode = probes.stream().filter((p) -> node.equals(p.node())).count();
		long failed = probes.stream().filter((p) -> p.error() != null).count();
		return "At " + traffic.now() + " ms: sent " + m.sent() + ", confirmed " + m.confirmed() + ", received "
				+ m.received() + ", duplicates " + m.duplicates() + ", longest gap " + m.longestGap().toMillis()
				+ " ms; publisher recovered " + traffic.reconnections().publisher() + "x, consumer recovered "
				+ traffic.reconnections().consumer() + "x; probes " + probes.size() + " (" + onNode + " on " + node
				+ ", " + failed + " failed)";
	}

	private void deleteQuietly(String queue) {
		try (Connection connection = DrillTraffic.factory(this.setup.declareThrough())
			.newConnection("warren-drill-cleanup")) {
			connection.createChannel().queueDelete(queue);
		}
		catch (Exception ex) {
			// reported by the step that failed; the queue is empty and harmless
		}
	}

	private static void skip(RunControl run, List<Integer> at, int from) {
		for (int i = from; i < at.size(); i++) {
			run.action(at.get(i), () -> "Skipped: an earlier step failed");
		}
	}

	private static String render(ServerView server, CommandLine command) {
		CommandLine shown = command;
		if (server.useSudo()) {
			List<String> arguments = new ArrayList<>(List.of("sudo", "-n", "--"));
			arguments.addAll(command.arguments());
			shown = new CommandLine(arguments);
		}
		return ShellDialect.of(server.os()).render(shown);
	}

	private long drillId() {
		try {
			return this.drillId.get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The drill's record was not saved", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
	}

	/**
	 * Everything a drill needs, resolved before it starts.
	 *
	 * @param declareThrough where the queue is declared: through the balancer for a
	 * quorum queue, straight to a node that stays up for a classic one
	 */
	record DrillSetup(ClusterView cluster, ServerView server, List<ServerView> members, List<BalancerView> fronting,
			BalancerView balancer, ServerView balancerHost, AmqpEndpoint amqp, ServerView declareOn,
			AmqpEndpoint declareThrough, List<NodeLocator.ManagementEndpoint> management, Duration stopFor,
			String queueType) {

	}

}
