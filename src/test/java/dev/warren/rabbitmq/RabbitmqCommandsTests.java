package dev.warren.rabbitmq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.warren.inventory.AuthType;
import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.ShellDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RabbitmqCommandsTests {

	private static final String CTL = "/usr/sbin/rabbitmqctl";

	private static final String DIAGNOSTICS = "/usr/sbin/rabbitmq-diagnostics";

	private static final String OUTSYSTEMS_SBIN = "C:\\Program Files\\OutSystems\\Platform Server\\thirdparty\\"
			+ "RabbitMQ Server\\rabbitmq_server-3.8.21\\sbin\\";

	private final RabbitmqNode linux = new RabbitmqNode(1, "ServerA", "servera", "rabbit@servera",
			OperatingSystem.LINUX, CTL);

	private final RabbitmqNode windows = new RabbitmqNode(2, "ServerW", "serverw", "rabbit@SERVERW",
			OperatingSystem.WINDOWS, OUTSYSTEMS_SBIN + "rabbitmqctl.bat");

	@Test
	void buildsEveryLinuxCommandAsOneArgumentPerValue() {
		assertThat(RabbitmqCommands.status(this.linux).arguments()).containsExactly(CTL, "-n", "rabbit@servera", "-q",
				"status", "--formatter", "json");
		assertThat(RabbitmqCommands.clusterStatus(this.linux).arguments()).containsExactly(CTL, "-n", "rabbit@servera",
				"-q", "cluster_status", "--formatter", "json");
		assertThat(RabbitmqCommands.stopApp(this.linux).arguments()).containsExactly(CTL, "-n", "rabbit@servera",
				"stop_app");
		assertThat(RabbitmqCommands.startApp(this.linux).arguments()).containsExactly(CTL, "-n", "rabbit@servera",
				"start_app");
		assertThat(RabbitmqCommands.joinCluster(this.linux, "rabbit@serverb").arguments()).containsExactly(CTL, "-n",
				"rabbit@servera", "join_cluster", "rabbit@serverb");
		assertThat(RabbitmqCommands.reset(this.linux).arguments()).containsExactly(CTL, "-n", "rabbit@servera",
				"reset");
		assertThat(RabbitmqCommands.forgetClusterNode(this.linux, "rabbit@serverc").arguments()).containsExactly(CTL,
				"-n", "rabbit@servera", "forget_cluster_node", "rabbit@serverc");
		assertThat(RabbitmqCommands.setClusterName(this.linux, "Orders cluster").arguments()).containsExactly(CTL, "-n",
				"rabbit@servera", "set_cluster_name", "Orders cluster");
		assertThat(RabbitmqCommands.awaitStartup(this.linux, Duration.ofMillis(90_500)).arguments())
			.containsExactly(CTL, "-n", "rabbit@servera", "-q", "await_startup", "--timeout", "91");
		assertThat(RabbitmqCommands.listQueues(this.linux).arguments()).containsExactly(CTL, "-n", "rabbit@servera",
				"-q", "list_queues", "name", "messages", "exclusive", "--formatter", "json");
		assertThat(RabbitmqCommands.getPartitionHandling(this.linux).arguments()).containsExactly(CTL, "-n",
				"rabbit@servera", "-q", "eval", "application:get_env(rabbit, cluster_partition_handling).");
		assertThat(RabbitmqCommands.setPartitionHandling(this.linux, "autoheal").arguments()).containsExactly(CTL, "-n",
				"rabbit@servera", "-q", "eval", "application:set_env(rabbit, cluster_partition_handling, autoheal).");
		assertThat(RabbitmqCommands.cliVersion(CTL).arguments()).containsExactly(CTL, "-q", "version");
	}

	@Test
	void diagnosticsRunFromTheSameDirectoryAsRabbitmqctl() {
		assertThat(RabbitmqCommands.erlangCookieHash(this.linux).arguments()).containsExactly(DIAGNOSTICS, "-n",
				"rabbit@servera", "-q", "erlang_cookie_hash");
		assertThat(RabbitmqCommands.checkRunning(this.linux).arguments()).containsExactly(DIAGNOSTICS, "-n",
				"rabbit@servera", "-q", "check_running");
		assertThat(RabbitmqCommands.serverVersion(this.linux).arguments()).containsExactly(DIAGNOSTICS, "-n",
				"rabbit@servera", "-q", "server_version");
		assertThat(RabbitmqCommands.ping(this.linux, "rabbit@serverb").arguments()).containsExactly(DIAGNOSTICS, "-n",
				"rabbit@serverb", "-q", "ping");
		assertThat(RabbitmqCommands.ping(this.linux, "rabbit@serverb", Duration.ofSeconds(10)).arguments())
			.containsExactly(DIAGNOSTICS, "-n", "rabbit@serverb", "-q", "ping", "--timeout", "10");
	}

	@Test
	void findsTheDiagnosticsNextToRabbitmqctl() {
		assertThat(this.linux.diagnosticsPath()).isEqualTo(DIAGNOSTICS);
		assertThat(this.windows.diagnosticsPath()).isEqualTo(OUTSYSTEMS_SBIN + "rabbitmq-diagnostics.bat");
		assertThat(node(OperatingSystem.LINUX, "rabbitmqctl").diagnosticsPath()).isEqualTo("rabbitmq-diagnostics");
		assertThat(node(OperatingSystem.WINDOWS, "rabbitmqctl.bat").diagnosticsPath())
			.isEqualTo("rabbitmq-diagnostics.bat");
		assertThat(node(OperatingSystem.WINDOWS, "C:/RabbitMQ/sbin/rabbitmqctl.bat").diagnosticsPath())
			.isEqualTo("C:/RabbitMQ/sbin/rabbitmq-diagnostics.bat");
		assertThat(node(OperatingSystem.LINUX, null).rabbitmqctlPath()).isEqualTo(CTL);
		assertThat(node(OperatingSystem.WINDOWS, " ").rabbitmqctlPath()).isEqualTo("rabbitmqctl.bat");
	}

	@Test
	void buildsWindowsCommandsForAnOutSystemsPathWithSpaces() {
		CommandLine status = RabbitmqCommands.status(this.windows);
		assertThat(status.arguments()).containsExactly(OUTSYSTEMS_SBIN + "rabbitmqctl.bat", "-n", "rabbit@SERVERW",
				"-q", "status", "--formatter", "json");
		assertThat(RabbitmqCommands.joinCluster(this.windows, "rabbit@SERVERA").arguments()).containsExactly(
				OUTSYSTEMS_SBIN + "rabbitmqctl.bat", "-n", "rabbit@SERVERW", "join_cluster", "rabbit@SERVERA");
		assertThat(RabbitmqCommands.checkRunning(this.windows).arguments()).containsExactly(
				OUTSYSTEMS_SBIN + "rabbitmq-diagnostics.bat", "-n", "rabbit@SERVERW", "-q", "check_running");
		String line = ShellDialect.WINDOWS_CMD.render(status);
		assertThat(line).startsWith("\"" + OUTSYSTEMS_SBIN + "rabbitmqctl.bat\" ")
			.contains("-n rabbit@SERVERW")
			.endsWith("status --formatter json");
		assertThat(ShellDialect.WINDOWS_CMD.render(RabbitmqCommands.getPartitionHandling(this.windows)))
			.contains("\"application:get_env(rabbit, cluster_partition_handling).\"");
	}

	@Test
	void aHostileNodeNameStaysOneArgument() {
		RabbitmqNode hostile = new RabbitmqNode(3, "x", "x", "rabbit@x; reboot", OperatingSystem.LINUX, CTL);
		assertThat(RabbitmqCommands.status(hostile).arguments()).containsExactly(CTL, "-n", "rabbit@x; reboot", "-q",
				"status", "--formatter", "json");
		assertThat(RabbitmqCommands.joinCluster(this.linux, "rabbit@$(id)").arguments()).hasSize(5)
			.endsWith("rabbit@$(id)");
		assertThat(RabbitmqCommands.ping(this.linux, "rabbit@`id` x").arguments()).hasSize(5).contains("rabbit@`id` x");
	}

	@Test
	void thePosixShellHandsEveryValueBackUnchanged() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
		List<String> values = List.of("rabbit@x; reboot", "rabbit@$(id)", "it's \"quoted\"", "a b", "*", "$HOME");
		List<String> printf = new ArrayList<>(List.of("printf", "%s\\n"));
		printf.addAll(values);
		String line = ShellDialect.POSIX.render(new CommandLine(printf));
		Process process = new ProcessBuilder("/bin/sh", "-c", line).redirectErrorStream(true).start();
		String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isZero();
		assertThat(printed.split("\n")).containsExactlyElementsOf(values);
	}

	@ParameterizedTest
	@ValueSource(strings = { "--offline", "-n", "rabbit@a\nrabbit@b", "", " " })
	void refusesValuesTheCliWouldReadAsOptionsOrThatSpanLines(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqCommands.forgetClusterNode(this.linux, value));
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqCommands.joinCluster(this.linux, value));
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqCommands.ping(this.linux, value));
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqCommands.setClusterName(this.linux, value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "autoheal).", "os:cmd(\"reboot\")", "pause_if_all_down", "", "AUTO HEAL" })
	void neverPastesFreeTextIntoEval(String mode) {
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqCommands.setPartitionHandling(this.linux, mode));
	}

	@Test
	void acceptsTheThreePartitionHandlingModes() {
		for (String mode : List.of("ignore", "pause_minority", "autoheal", " Pause_Minority ")) {
			assertThat(RabbitmqCommands.setPartitionHandling(this.linux, mode).arguments().get(5)).matches(
					"application:set_env\\(rabbit, cluster_partition_handling, (ignore|pause_minority|autoheal)\\)\\.");
		}
	}

	@Test
	void readsThePartitionHandlingAnswer() {
		assertThat(PartitionHandling.parse(Samples.output("lab/get_partition_handling.txt").output()))
			.contains(PartitionHandling.IGNORE);
		assertThat(PartitionHandling.parse("{ok,autoheal}\n")).contains(PartitionHandling.AUTOHEAL);
		assertThat(PartitionHandling.parse("undefined")).contains(PartitionHandling.IGNORE);
		assertThat(PartitionHandling.parse("{ok,{pause_if_all_down,['rabbit@a'],ignore}}")).isEmpty();
		assertThat(PartitionHandling.parse("")).isEmpty();
	}

	@Test
	void aServerBecomesANode() {
		ServerView server = new ServerView(7, "ServerA", "servera.example.com", 22, "root",
				new ServerView.AuthView(AuthType.PASSWORD, true, false, false), OperatingSystem.LINUX, "rabbit@servera",
				5672, 15672, null, false, CTL, false, List.of(), null, null);
		RabbitmqNode node = RabbitmqNode.of(server);
		assertThat(node).isEqualTo(
				new RabbitmqNode(7, "ServerA", "servera.example.com", "rabbit@servera", OperatingSystem.LINUX, CTL));
		assertThat(node.nodeHost()).isEqualTo("servera");
		ServerView withoutNode = new ServerView(8, "Balancer", "lb", 22, "root",
				new ServerView.AuthView(AuthType.PASSWORD, true, false, false), OperatingSystem.LINUX, null, 5672,
				15672, null, false, CTL, false, List.of(), null, null);
		assertThatIllegalArgumentException().isThrownBy(() -> RabbitmqNode.of(withoutNode))
			.withMessageContaining("Balancer");
	}

	private static RabbitmqNode node(OperatingSystem os, String path) {
		return new RabbitmqNode(9, "n", "n", "rabbit@n", os, path);
	}

}
