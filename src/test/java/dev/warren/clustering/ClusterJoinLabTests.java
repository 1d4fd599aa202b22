package dev.warren.clustering;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabEstate;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Joins real RabbitMQ nodes of the lab over SSH, and checks the result with the lab's own
 * rabbitmqctl, outside Warren. Every test puts the nodes back as standalone nodes.
 */
@LabTest
@WarrenTest
class ClusterJoinLabTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	ClusterJoins joins;

	@Autowired
	Runs runs;

	@Autowired
	RunRecorder recorder;

	@Autowired
	InterruptedRuns interruptedRuns;

	@Autowired
	AuditLog auditLog;

	@Autowired
	NodeOperations operations;

	Api api;

	LabCluster lab;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.lab = new LabCluster(Lab.find().orElseThrow(), this.api, this.shells);
	}

	/**
	 * The 4.0 estate is put back only by the tests that used it (each CLI call costs ~1
	 * s).
	 */
	private boolean fourUsed;

	@AfterEach
	void putTheLabBack() {
		for (LabEstate estate : LabEstate.values()) {
			if (estate == LabEstate.RABBITMQ_4_0 && !this.fourUsed) {
				continue;
			}
			LabCluster nodes = new LabCluster(Lab.find().orElseThrow(), this.api, this.shells, estate);
			nodes.startApp(nodes.node(0));
			nodes.makeStandalone(nodes.node(1));
			nodes.makeStandalone(nodes.node(2));
		}
	}

	private LabCluster on(LabEstate estate) {
		this.fourUsed |= estate == LabEstate.RABBITMQ_4_0;
		return new LabCluster(Lab.find().orElseThrow(), this.api, this.shells, estate);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(LabEstate.class)
	void joinsThreeNodesThroughTheApiAndRabbitmqAgrees(LabEstate estate) {
		LabCluster lab = on(estate);
		long primary = lab.rootServer(lab.node(0));
		long hare = lab.rootServer(lab.node(1));
		long bunny = lab.rootServer(lab.node(2));
		long cluster = this.api.cluster(primary, hare, bunny);

		MvcTestResult accepted = this.api.post("/api/v1/clusters/" + cluster + "/joins", Json.map("serverIds",
				List.of(hare, bunny), "clusterName", "lab-cluster", "partitionHandling", "autoheal"));
		assertThat(accepted).hasStatus(202);
		String location = accepted.getResponse().getHeader("Location");
		assertThat(location).matches("/api/v1/runs/\\d+");
		RunView run = awaitEnd(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.preflight()).isNotEmpty().noneMatch(PreflightCheck::failed);
		assertThat(run.steps()).allMatch((step) -> step.status() == StepStatus.SUCCEEDED);
		assertThat(run.steps()).extracting(StepView::command)
			.anyMatch((c) -> c.contains("stop_app"))
			.anyMatch((c) -> c.contains("join_cluster"));
		ClusterStatus status = ClusterStatus.parse(lab.clusterStatus(lab.node(0)));
		assertThat(status.runningNodes()).contains(lab.node(0), lab.node(1), lab.node(2));
		assertThat(status.clusterName()).isEqualTo("lab-cluster");
		assertThat(
				lab.rabbitmqctl("-n", lab.node(2), "eval", "application:get_env(rabbit, cluster_partition_handling).")
					.output())
			.contains("autoheal");

		assertThat(this.mvc.get().uri(location).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.steps[0].exitCode")
			.isEqualTo(0);
		assertThat(this.auditLog.search(new AuditFilter(null, "COMMAND", null, "join_cluster"), 0).getTotalElements())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void joinsTwoNodesAsANonRootUserWithSudoAndPasswordLogin() {
		long primary = this.lab.rootServer(this.lab.node(0));
		long hare = this.lab.sudoServer(this.lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		long runId = this.joins.start(cluster, new JoinRequest(List.of(hare), null, null), "operator", null);
		RunView run = awaitEnd(runId);
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.preflight()).anyMatch((check) -> check.check().equals("Quorum"));
		assertThat(run.steps().get(0).command()).startsWith("sudo -n ");
		assertThat(ClusterStatus.parse(this.lab.clusterStatus(this.lab.node(1))).runningNodes())
			.contains(this.lab.node(0), this.lab.node(1));
	}

	@Test
	void refusesAJoinWhenTheCookieDiffersAndRunsNoCommand() {
		long primary = this.lab.rootServer(this.lab.node(0));
		long stranger = this.lab.rootServer(this.lab.stranger());
		long cluster = this.api.cluster(primary, stranger);
		long commandsBefore = commands();
		MvcTestResult refused = this.mvc.post()
			.uri("/api/v1/clusters/{id}/joins", cluster)
			.with(asOperator())
			.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.content(Json.of(Json.map("serverIds", List.of(stranger))))
			.exchange();
		assertThat(refused).hasStatus(422).bodyJson().extractingPath("$.title").isEqualTo("Preflight failed");
		assertThat(refused).bodyJson().extractingPath("$.checks[0].check").isEqualTo("Erlang cookie");
		assertThat(this.runs.list(0).getContent())
			.noneMatch((run) -> run.clusterId() != null && run.clusterId() == cluster);
		long mutating = this.auditLog.search(new AuditFilter(null, "COMMAND", null, null), 0)
			.getContent()
			.stream()
			.limit(commands() - commandsBefore)
			.filter((record) -> record.summary().contains("stop_app") || record.summary().contains("join_cluster"))
			.count();
		assertThat(mutating).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(LabEstate.class)
	void startsTheNodeAgainWhenTheJoinFailsAfterStopApp(LabEstate estate) {
		LabCluster lab = on(estate);
		long primary = lab.rootServer(lab.node(0));
		long hare = lab.rootServer(lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		JoinRequest request = new JoinRequest(List.of(hare), null, null);
		Preflights.Findings findings = this.joins.preflight(cluster, request, "test");
		assertThat(findings.passed()).isTrue();
		// Meanwhile, the primary's application stops: join_cluster cannot succeed any
		// more.
		assertThat(lab.rabbitmqctl("-n", lab.node(0), "stop_app").exitCode()).isZero();

		RunView run = awaitEnd(this.joins.start(cluster, request, "test", findings));
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.ROLLED_BACK);
		assertThat(run.summary()).contains("join_cluster failed", "started", "standalone");
		List<StepStatus> statuses = run.steps().stream().map(StepView::status).toList();
		assertThat(statuses.subList(0, 2)).containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED);
		assertThat(statuses.subList(2, statuses.size() - 1)).containsOnly(StepStatus.SKIPPED);
		assertThat(run.steps().get(statuses.size() - 1).description()).startsWith("Roll back");
		assertThat(statuses.get(statuses.size() - 1)).isEqualTo(StepStatus.SUCCEEDED);
		ClusterStatus hareNow = ClusterStatus.parse(lab.clusterStatus(lab.node(1)));
		assertThat(hareNow.runningNodes()).containsExactly(lab.node(1));
	}

	@Test
	void aSecondJoinOnTheSameClusterIsBusy() {
		long primary = this.lab.rootServer(this.lab.node(0));
		long hare = this.lab.rootServer(this.lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		JoinRequest request = new JoinRequest(List.of(hare), null, null);
		long first = this.joins.start(cluster, request, "one", null);
		assertThatExceptionOfType(ClusterBusyException.class)
			.isThrownBy(() -> this.joins.start(cluster, request, "two", null))
			.satisfies((ex) -> assertThat(ex.activeRunId()).isEqualTo(first));
		MvcTestResult busy = this.api.post("/api/v1/clusters/" + cluster + "/joins",
				Json.map("serverIds", List.of(hare)));
		assertThat(busy.getResponse().getStatus()).isIn(409, 422);
		assertThat(awaitEnd(first).status()).isEqualTo(RunStatus.SUCCEEDED);
	}

	@Test
	void aRunCutOffByARestartIsInterruptedAndReCheckTellsTheTruth() {
		long primary = this.lab.rootServer(this.lab.node(0));
		long hare = this.lab.rootServer(this.lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		long runId = this.recorder.create(RunKind.JOIN, cluster, "Join cut off", "test", null);
		this.recorder.start(runId);
		this.recorder.plan(runId, List.of(new PlannedCommand(hare, "hare", "Stop the app", "rabbitmqctl stop_app")));
		this.recorder.beginStep(runId, 1, null);
		// What the console does when it starts again:
		this.interruptedRuns.start();

		RunView run = this.runs.get(runId);
		assertThat(run.status()).isEqualTo(RunStatus.INTERRUPTED);
		assertThat(run.steps().get(0).status()).isEqualTo(StepStatus.INTERRUPTED);
		RunView rechecked = this.joins.recheck(runId, "test");
		assertThat(rechecked.recheck()).contains(this.lab.node(0) + ": application RUNNING",
				this.lab.node(1) + ": application RUNNING");
		// The cluster is free again.
		assertThat(
				awaitEnd(this.joins.start(cluster, new JoinRequest(List.of(hare), null, null), "test", null)).status())
			.isEqualTo(RunStatus.SUCCEEDED);
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(LabEstate.class)
	void restartsANodeAndTakesItOutOfTheCluster(LabEstate estate) {
		LabCluster lab = on(estate);
		long primary = lab.rootServer(lab.node(0));
		long hare = lab.rootServer(lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		assertThat(
				awaitEnd(this.joins.start(cluster, new JoinRequest(List.of(hare), null, null), "test", null)).status())
			.isEqualTo(RunStatus.SUCCEEDED);

		RunView restart = awaitEnd(this.operations.restart(cluster, hare, "test"));
		assertThat(restart.status()).as(restart.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(restart.steps()).extracting(StepView::command)
			.anyMatch((c) -> c.contains("stop_app"))
			.anyMatch((c) -> c.contains("start_app"));

		assertThatExceptionOfType(dev.warren.shared.InvalidFieldException.class)
			.isThrownBy(() -> this.operations.remove(cluster, primary, "test"));
		RunView remove = awaitEnd(this.operations.remove(cluster, hare, "test"));
		assertThat(remove.status()).as(remove.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(ClusterStatus.parse(lab.clusterStatus(lab.node(0))).diskNodes()).doesNotContain(lab.node(1));
		assertThat(ClusterStatus.parse(lab.clusterStatus(lab.node(1))).runningNodes()).containsExactly(lab.node(1));
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}", cluster).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.memberServerIds")
			.asArray()
			.containsExactly((int) primary);
	}

	@Test
	void aKhepriClusterOn40JoinsRestartsAndRemovesANodeAndRabbitmqAgrees() {
		LabCluster lab = on(LabEstate.RABBITMQ_4_0);
		try {
			assertThat(lab.rabbitmqctl("-n", lab.node(0), "enable_feature_flag", "--opt-in", "khepri_db").exitCode())
				.isZero();
			long primary = lab.rootServer(lab.node(0));
			long hare = lab.rootServer(lab.node(1));
			long bunny = lab.rootServer(lab.node(2));
			long cluster = this.api.cluster(primary, hare, bunny);

			RunView joined = awaitEnd(
					this.joins.start(cluster, new JoinRequest(List.of(hare, bunny), null, null), "test", null));
			assertThat(joined.status()).as(joined.summary()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(joined.preflight()).anyMatch((check) -> check.check().equals("Feature flags")
					&& check.detail().contains("uses Mnesia, the cluster Khepri"));
			assertThat(lab.rabbitmqctl("-n", lab.node(2), "-q", "list_feature_flags", "name", "state").output())
				.as("the joined node took the cluster's metadata store")
				.containsPattern("khepri_db\\s+enabled");
			assertThat(ClusterStatus.parse(lab.clusterStatus(lab.node(0))).runningNodes()).contains(lab.node(0),
					lab.node(1), lab.node(2));

			RunView restart = awaitEnd(this.operations.restart(cluster, hare, "test"));
			assertThat(restart.status()).as(restart.summary()).isEqualTo(RunStatus.SUCCEEDED);
			RunView remove = awaitEnd(this.operations.remove(cluster, bunny, "test"));
			assertThat(remove.status()).as(remove.summary()).isEqualTo(RunStatus.SUCCEEDED);
			assertThat(ClusterStatus.parse(lab.clusterStatus(lab.node(0))).diskNodes())
				.containsExactlyInAnyOrder(lab.node(0), lab.node(1));
		}
		finally {
			// Khepri stays on once enabled: only a reset of every node undoes it.
			for (int i = 0; i < 3; i++) {
				lab.rabbitmqctl("-n", lab.node(i), "stop_app");
				lab.rabbitmqctl("-n", lab.node(i), "reset");
				lab.rabbitmqctl("-n", lab.node(i), "start_app");
			}
		}
	}

	@Test
	void aJoinAsTheCarefulEstatesUserIsRefusedByItsPrivilegesCheckUntilTheDropInCoversItsCli() {
		long primary = this.lab.rootServer(this.lab.node(0));
		long outsideTheDropIn = this.lab.narrowServer(this.lab.node(1),
				Map.of("rabbitmqctlPath", "/usr/lib/rabbitmq/bin/rabbitmqctl"));
		long cluster = this.api.cluster(primary, outsideTheDropIn);

		RunView refused = awaitEnd(
				this.joins.start(cluster, new JoinRequest(List.of(outsideTheDropIn), null, null), "test", null));
		assertThat(refused.status()).as(refused.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(refused.preflight())
			.anyMatch((check) -> check.check().equals("Privileges") && check.failed() && check.detail()
				.contains("NOPASSWD: /usr/lib/rabbitmq/bin/rabbitmqctl, /usr/lib/rabbitmq/bin/rabbitmq-diagnostics"));
		assertThat(refused.steps()).isEmpty();
		assertThat(ClusterStatus.parse(this.lab.clusterStatus(this.lab.node(1))).runningNodes())
			.containsExactly(this.lab.node(1));

		// The lab's drop-in for this user covers /usr/sbin/rabbitmqctl and
		// rabbitmq-diagnostics.
		long covered = this.lab.narrowServer(this.lab.node(2), Map.of());
		long second = this.api.cluster(this.lab.rootServer(this.lab.node(0)), covered);
		RunView joined = awaitEnd(
				this.joins.start(second, new JoinRequest(List.of(covered), null, null), "test", null));
		assertThat(joined.status()).as(joined.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(joined.preflight()).anyMatch((check) -> check.check().equals("Privileges") && !check.failed());
		assertThat(ClusterStatus.parse(this.lab.clusterStatus(this.lab.node(0))).runningNodes())
			.contains(this.lab.node(2));
	}

	@Test
	void aNodeWhoseStateCouldNotBeReadIsNotForgottenAsIfItWereDown() {
		long primary = this.lab.rootServer(this.lab.node(0));
		// The careful estate's sudoers allow /usr/sbin/rabbitmqctl, not this path to it.
		long hare = this.lab.narrowServer(this.lab.node(1),
				Map.of("rabbitmqctlPath", "/usr/lib/rabbitmq/bin/rabbitmqctl"));
		this.lab.join(this.lab.node(1), this.lab.node(0));
		long cluster = this.api.cluster(primary, hare);

		RunView remove = awaitEnd(this.operations.remove(cluster, hare, "test"));

		assertThat(remove.status()).as(remove.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(remove.preflight()).anyMatch((check) -> check.failed()
				&& check.detail().contains("Could not tell whether " + this.lab.node(1) + " runs"));
		assertThat(remove.summary()).contains("no command ran");
		assertThat(remove.steps()).isEmpty();
		assertThat(ClusterStatus.parse(this.lab.clusterStatus(this.lab.node(0))).diskNodes())
			.as("the primary did not forget a node that runs")
			.contains(this.lab.node(1));
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}", cluster).with(asViewer())).bodyJson()
			.extractingPath("$.memberServerIds")
			.asArray()
			.hasSize(2);
	}

	private long commands() {
		return this.auditLog.search(new AuditFilter(null, "COMMAND", null, null), 0).getTotalElements();
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
