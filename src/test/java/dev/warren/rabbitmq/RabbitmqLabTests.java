package dev.warren.rabbitmq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.warren.inventory.OperatingSystem;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.HostKeyStatus;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabEstate;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands and parsers of this module against the lab's RabbitMQ nodes, all on this
 * host (so every call names its node with {@code -n}), through the lab's sshd: on the
 * 3.10 estate and on the 4.0 one (through the sshd of its Debian 13 root). Reads only: no
 * node is stopped, joined or reset here. The stranger node and the password users exist
 * only beside the 3.10 nodes.
 */
@LabTest
@WarrenTest
@ParameterizedClass(name = "{0}")
@EnumSource(LabEstate.class)
class RabbitmqLabTests {

	@Parameter
	LabEstate estate;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Lab lab = Lab.find().orElseThrow();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	ConnectionChecks checks;

	@Test
	void clusterStatusNamesTheNodeAndItsVersion() {
		RabbitmqNode rabbit = rootNode(0);
		CommandResult result = run(rabbit, RabbitmqCommands.clusterStatus(rabbit));
		assertThat(result.exitCode()).as(result.output()).isZero();
		ClusterStatus status = ClusterStatus.parse(result.stdout());
		assertThat(status.runningNodes()).contains(rabbit.nodeName());
		assertThat(status.diskNodes()).contains(rabbit.nodeName());
		assertThat(status.hasPartitions()).isFalse();
		assertThat(RabbitmqVersion.parse(status.rabbitmqVersions().get(rabbit.nodeName())).major())
			.isEqualTo(three() ? 3 : 4);
	}

	@Test
	void statusNamesVersionsConfigAndPorts() {
		RabbitmqNode rabbit = rootNode(0);
		CommandResult result = run(rabbit, RabbitmqCommands.status(rabbit));
		assertThat(result.exitCode()).as(result.output()).isZero();
		NodeStatus status = NodeStatus.parse(result.stdout());
		assertThat(status.nodeName()).isEqualTo(rabbit.nodeName());
		assertThat(status.running()).isTrue();
		assertThat(status.version()).get().extracting(RabbitmqVersion::series).isEqualTo(series());
		assertThat(status.erlangVersion()).startsWith("Erlang/OTP ");
		String shortName = rabbit.nodeName().substring(0, rabbit.nodeName().indexOf('@'));
		assertThat(status.configFiles())
			.contains(three() ? this.lab.get("lab.dir") + "/rabbit/" + shortName + "/rabbitmq.conf"
					: "/var/lib/warren-lab/" + shortName + "/rabbitmq.conf");
		assertThat(status.port("amqp")).contains(this.lab.port(this.estate.key(0, "amqpPort")));
		CommandResult version = run(rabbit, RabbitmqCommands.serverVersion(rabbit));
		assertThat(RabbitmqVersion.parse(version.stdout()).toString()).isEqualTo(status.rabbitmqVersion());
		CommandResult running = run(rabbit, RabbitmqCommands.checkRunning(rabbit));
		assertThat(running.exitCode()).as(running.output()).isZero();
	}

	@Test
	void everyLabNodeHasTheSameCookieHash() {
		RabbitmqNode rabbit = rootNode(0);
		List<String> hashes = new ArrayList<>();
		try (RemoteSession session = this.shells.open(rabbit.serverId(), "lab-test")) {
			for (int i = 0; i < 3; i++) {
				RabbitmqNode node = sameServer(rabbit, this.lab.get(this.estate.key(i, "node")));
				CommandResult result = session.run(RabbitmqCommands.erlangCookieHash(node), TIMEOUT,
						OutputListener.NONE);
				assertThat(result.exitCode()).as(result.output()).isZero();
				hashes.add(result.stdout().strip());
			}
		}
		assertThat(hashes).hasSizeGreaterThanOrEqualTo(3).allMatch((hash) -> hash.matches("[A-Za-z0-9+/]{22}=="));
		assertThat(hashes).containsOnly(hashes.get(0));
	}

	@Test
	void oneNodesServerPingsAnother() {
		RabbitmqNode rabbit = rootNode(0);
		RabbitmqNode hare = rootNode(1);
		CommandResult result = run(rabbit, RabbitmqCommands.ping(rabbit, hare.nodeName(), Duration.ofSeconds(20)));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.stdout()).contains("Ping succeeded");
	}

	@Test
	void aNodeWithAnotherCookieIsRecognised() {
		assumeTrue(three(), "the stranger node runs beside the 3.10 nodes");
		RabbitmqNode rabbit = rootNode(0);
		RabbitmqNode stranger = sameServer(rabbit, this.lab.get("stranger.node"));
		CommandResult status = run(rabbit, RabbitmqCommands.status(stranger));
		assertThat(status.exitCode()).isEqualTo(69);
		assertThat(CliErrors.isCookieMismatch(status.exitCode(), status.output())).isTrue();
		assertThat(CliErrors.explain(status.exitCode(), status.output())).contains(stranger.nodeName(),
				"rejected the Erlang cookie");
		CommandResult ping = run(rabbit, RabbitmqCommands.ping(rabbit, stranger.nodeName(), Duration.ofSeconds(10)));
		assertThat(ping.exitCode()).isEqualTo(69);
		assertThat(CliErrors.explain(ping.exitCode(), ping.output())).contains(stranger.nodeName(), "cookie");
	}

	@Test
	void listQueuesCountsQueuesAndMessages() throws Exception {
		RabbitmqNode rabbit = rootNode(0);
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(this.lab.port(this.estate.key(0, "amqpPort")));
		factory.setUsername(this.lab.get("rabbit.managementUser"));
		factory.setPassword(this.lab.get("rabbit.managementPassword"));
		try (Connection connection = factory.newConnection("warren-rabbitmq-lab-test");
				Channel channel = connection.createChannel()) {
			// Not exclusive (exclusive queues end with their connection and are not
			// counted
			// as data a join would lose); deleted at the end.
			String queue = channel
				.queueDeclare("warren-lab-test-" + java.util.UUID.randomUUID(), false, false, false, Map.of())
				.getQueue();
			channel.confirmSelect();
			channel.basicPublish("", queue, null, "one".getBytes());
			channel.basicPublish("", queue, null, "two".getBytes());
			channel.waitForConfirmsOrDie(10_000);
			QueueSummary summary = QueueSummary.NONE;
			for (int attempt = 0; attempt < 20 && summary.messages() < 2; attempt++) {
				CommandResult result = run(rabbit, RabbitmqCommands.listQueues(rabbit));
				assertThat(result.exitCode()).as(result.output()).isZero();
				summary = QueueSummary.parse(result.stdout());
				if (summary.messages() < 2) {
					Thread.sleep(500);
				}
			}
			try {
				assertThat(summary.queues()).isPositive();
				assertThat(summary.messages()).isGreaterThanOrEqualTo(2);
			}
			finally {
				channel.queueDelete(queue);
			}
		}
	}

	@Test
	void readsThePartitionHandlingWithoutChangingIt() {
		RabbitmqNode rabbit = rootNode(0);
		CommandResult result = run(rabbit, RabbitmqCommands.getPartitionHandling(rabbit));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(PartitionHandling.parse(result.stdout())).isPresent();
	}

	@Test
	void aGoodServerPassesTheConnectionTest() {
		long id = server(this.lab.get(this.estate.key(0, "node")), rootUser(), rootKey(), null, false);
		MvcTestResult tested = this.mvc.post()
			.uri("/api/v1/servers/{id}/connection-test", id)
			.with(asOperator())
			.exchange();
		assertThat(tested).hasStatusOk().bodyJson().extractingPath("$.overall").isEqualTo("PASS");
		assertThat(tested).bodyJson().extractingPath("$.items[*].status").asArray().containsOnly("PASS").hasSize(4);
		ConnectionCheck latest = this.checks.latest(id).orElseThrow();
		assertThat(RabbitmqVersion.parse(latest.rabbitmqVersion()).series()).isEqualTo(series());
		assertThat(latest.erlangVersion()).startsWith("Erlang/OTP ");
	}

	@Test
	void aWrongRabbitmqctlPathFailsNamingThePath() {
		long id = server(this.lab.get(this.estate.key(0, "node")), rootUser(), rootKey(),
				"/opt/warren-nowhere/rabbitmqctl", false);
		ConnectionCheck check = this.checks.test(id, "lab-test");
		assertThat(check.overall()).isEqualTo(ConnectionCheck.Status.FAIL);
		assertThat(check.items()).filteredOn((item) -> item.name().equals("rabbitmqctl"))
			.singleElement()
			.satisfies((item) -> {
				assertThat(item.status()).isEqualTo(ConnectionCheck.Status.FAIL);
				assertThat(item.detail()).contains("/opt/warren-nowhere/rabbitmqctl");
			});
	}

	@Test
	void aNonRootUserWithoutSudoIsToldToUseIt() {
		assumeTrue(three(), "the password users log in beside the 3.10 nodes");
		long id = server(this.lab.get("rabbit.0.node"), this.lab.get("ssh.password.user"), password(), null, false);
		ConnectionCheck check = this.checks.test(id, "lab-test");
		assertThat(check.overall()).isEqualTo(ConnectionCheck.Status.FAIL);
		assertThat(check.items().get(0).status()).isEqualTo(ConnectionCheck.Status.PASS);
		assertThat(check.items().get(1).name()).isEqualTo("rabbitmqctl");
		assertThat(check.items().get(1).detail()).contains("Run commands with sudo -n");
	}

	@Test
	void aNonRootUserWithSudoPasses() {
		assumeTrue(three(), "the password users log in beside the 3.10 nodes");
		long id = server(this.lab.get("rabbit.0.node"), this.lab.get("ssh.password.user"), password(), null, true);
		ConnectionCheck check = this.checks.test(id, "lab-test");
		assertThat(check.items())
			.allSatisfy((item) -> assertThat(item.status()).as(item.toString()).isEqualTo(ConnectionCheck.Status.PASS));
		assertThat(check.items()).filteredOn((item) -> item.name().equals("rabbitmqctl"))
			.singleElement()
			.satisfies((item) -> assertThat(item.detail()).contains("with sudo -n"));
		assertThat(check.items()).filteredOn((item) -> item.name().equals("Privileges"))
			.singleElement()
			.satisfies((item) -> assertThat(item.detail()).contains("/usr/sbin/rabbitmqctl", "through sudo -n"));
	}

	@Test
	void theStrangerFailsTheConnectionTestWithTheCookieAsReason() {
		assumeTrue(three(), "the stranger node runs beside the 3.10 nodes");
		long id = server(this.lab.get("stranger.node"), rootUser(), rootKey(), null, false);
		ConnectionCheck check = this.checks.test(id, "lab-test");
		assertThat(check.items()).extracting(ConnectionCheck.Item::status)
			.containsExactly(ConnectionCheck.Status.PASS, ConnectionCheck.Status.PASS, ConnectionCheck.Status.FAIL);
		assertThat(check.items().get(2).detail()).contains("Erlang cookie");
	}

	private CommandResult run(RabbitmqNode node, CommandLine command) {
		try (RemoteSession session = this.shells.open(node.serverId(), "lab-test")) {
			return session.run(command, TIMEOUT, OutputListener.NONE);
		}
	}

	/** A server for lab node {@code index}, logged in as root with the ed25519 key. */
	private RabbitmqNode rootNode(int index) {
		String nodeName = this.lab.get(this.estate.key(index, "node"));
		long id = server(nodeName, rootUser(), rootKey(), null, false);
		return new RabbitmqNode(id, "lab-" + index, this.lab.get("ssh.host"), nodeName, OperatingSystem.LINUX,
				OperatingSystem.LINUX.defaultRabbitmqctlPath());
	}

	/** Another node on the same host, reached through the same server. */
	private static RabbitmqNode sameServer(RabbitmqNode server, String nodeName) {
		return new RabbitmqNode(server.serverId(), server.serverName(), server.host(), nodeName, server.os(),
				server.rabbitmqctlPath());
	}

	private long server(String nodeName, String user, Map<String, Object> auth, String rabbitmqctlPath,
			boolean useSudo) {
		Map<String, Object> body = Json.server(Api.unique("lab"));
		body.put("host", this.lab.get("ssh.host"));
		body.put("sshPort", this.lab.port(this.estate.sshPortKey()));
		body.put("sshUser", user);
		body.put("auth", auth);
		body.put("nodeName", nodeName);
		body.put("rabbitmqctlPath", rabbitmqctlPath);
		body.put("useSudo", useSudo);
		long id = Json.id(Api.body(new Api(this.mvc).post("/api/v1/servers", body), 201));
		trust(id);
		return id;
	}

	/** Trusts the lab's host key, after checking it is one the lab generated. */
	private void trust(long id) {
		HostKeyStatus status = this.shells.hostKeyStatus(id);
		if (status.state() != HostKeyStatus.State.TRUSTED) {
			assertThat(status.presented().fingerprint()).isIn(three() ? this.lab.get("ssh.hostKey.ed25519.sha256")
					: this.lab.get("four.ssh.hostKey.ed25519.sha256"), this.lab.get("ssh.hostKey.rsa.sha256"));
			this.shells.trust(id, status.presented().fingerprint(), "test");
		}
	}

	private boolean three() {
		return this.estate == LabEstate.RABBITMQ_3_10;
	}

	private String series() {
		return three() ? "3.10" : "4.0";
	}

	private String rootUser() {
		return this.lab.get("ssh.root.user");
	}

	private Map<String, Object> rootKey() {
		try {
			return Json.map("type", "PRIVATE_KEY", "privateKey",
					Files.readString(Path.of(this.lab.get("ssh.root.keyFile"))), "passphrase", null);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the lab's root key", ex);
		}
	}

	private Map<String, Object> password() {
		return Json.map("type", "PASSWORD", "password", this.lab.get("ssh.password.password"));
	}

}
