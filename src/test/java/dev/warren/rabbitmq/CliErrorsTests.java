package dev.warren.rabbitmq;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class CliErrorsTests {

	/** Every output in errors/ (timings.txt is a table of exit codes, not an output). */
	static Stream<Arguments> errorSamples() {
		return Stream.of(Arguments.of("errors/alarm-memory.txt", 69, List.of("memory alarm", "hare@vm", "publishers")),
				Arguments.of("errors/check_running-app-stopped.txt", 69, List.of("bunny@vm", "start_app")),
				Arguments.of("errors/cli-node-not-running.txt", 69,
						List.of("nosuch@vm is not running", "rabbit, hare, bunny, otter", "case-sensitive")),
				Arguments.of("errors/cli-wrong-cookie-status.txt", 69, List.of("otter@vm", "Erlang cookie")),
				Arguments.of("errors/cli-wrong-cookie-stop_app.txt", 69, List.of("otter@vm", "Erlang cookie")),
				Arguments.of("errors/join-already-member.txt", 0, List.of("already a member")),
				Arguments.of("errors/join-cookie-mismatch.txt", 69, List.of("rabbit@vm", "Erlang cookie")),
				Arguments.of("errors/join-ip-as-host.txt", 69, List.of("rabbit@127.0.0.1", "not an IP address")),
				Arguments.of("errors/join-self.txt", 70, List.of("bunny@vm cannot join itself")),
				Arguments.of("errors/join-target-app-stopped.txt", 69, List.of("hare@vm", "start_app")),
				Arguments.of("errors/join-unknown-node-same-host.txt", 69, List.of("nosuch@vm is not running")),
				Arguments.of("errors/join-while-app-running.txt", 64,
						List.of("Stop the RabbitMQ application on bunny@vm", "stop_app", "4.1")),
				Arguments.of("errors/start_app-unknown-node.txt", 69, List.of("nosuch@vm is not running")),
				Arguments.of("lab/status-stranger.txt", 69, List.of("stranger@vm", "Erlang cookie")),
				Arguments.of("lab/ping-stranger.txt", 69, List.of("stranger@vm", "cookie", "4369")),
				Arguments.of("lab/ping-nosuch.txt", 69, List.of("nosuch@vm")),
				Arguments.of("lab/cookie_hash-stranger.txt", 70, List.of("stranger@vm could not be contacted")),
				Arguments.of("lab/rabbitmqctl-wrong-path.txt", 127, List.of("/opt/nope/rabbitmqctl was not found")),
				Arguments.of("lab/rabbitmqctl-not-on-path.txt", 127, List.of("rabbitmqctl was not found")),
				Arguments.of("lab/rabbitmqctl-as-non-root.txt", 1, List.of("rabbitmqctl", "sudo -n")),
				Arguments.of("lab/server_version-on-rabbitmqctl.txt", 64, List.of("no command 'server_version'")));
	}

	@ParameterizedTest
	@MethodSource("errorSamples")
	void explainsEachFailureInOneActionableSentence(String sample, int exitCode, List<String> expected) {
		Samples.CliOutput output = Samples.output(sample);
		assertThat(output.exitCode()).isEqualTo(exitCode);
		String explanation = CliErrors.explain(output.exitCode(), output.output());
		assertThat(explanation).contains(expected)
			.doesNotContain("\n", "Most common reasons", "DIAGNOSTICS", "Stack trace")
			.endsWith(".")
			.doesNotStartWith("The command failed with exit code");
	}

	@Test
	void everyErrorSampleIsCovered() {
		List<String> covered = errorSamples().map((arguments) -> (String) arguments.get()[0]).toList();
		assertThat(Samples.list("errors")).filteredOn((path) -> !path.endsWith("timings.txt"))
			.isNotEmpty()
			.allMatch(covered::contains);
	}

	@Test
	void recognisesACookieMismatchOnlyWhereTheHandshakeFailed() {
		for (String sample : List.of("errors/cli-wrong-cookie-status.txt", "errors/cli-wrong-cookie-stop_app.txt",
				"errors/join-cookie-mismatch.txt", "lab/status-stranger.txt")) {
			Samples.CliOutput output = Samples.output(sample);
			assertThat(CliErrors.isCookieMismatch(output.exitCode(), output.output())).as(sample).isTrue();
		}
		for (String sample : List.of("errors/cli-node-not-running.txt", "errors/join-ip-as-host.txt",
				"errors/join-target-app-stopped.txt", "errors/check_running-app-stopped.txt",
				"errors/join-already-member.txt", "lab/ping-stranger.txt")) {
			Samples.CliOutput output = Samples.output(sample);
			assertThat(CliErrors.isCookieMismatch(output.exitCode(), output.output())).as(sample).isFalse();
		}
		assertThat(CliErrors.isCookieMismatch(69,
				"* Authentication failed (rejected by the remote node), please " + "check the Erlang cookie"))
			.isTrue();
	}

	@Test
	void aNodeIsUnreachableOnlyWhenTheCliRanAndFoundNoNode() {
		Samples.CliOutput down = Samples.output("errors/cli-node-not-running.txt");
		assertThat(CliErrors.isNodeUnreachable(down.exitCode(), down.output())).isTrue();
		for (String sample : List.of("errors/cli-wrong-cookie-status.txt", "lab/status-stranger.txt",
				"lab/rabbitmqctl-as-non-root.txt", "lab/rabbitmqctl-wrong-path.txt")) {
			Samples.CliOutput output = Samples.output(sample);
			assertThat(CliErrors.isNodeUnreachable(output.exitCode(), output.output())).as(sample).isFalse();
		}
		assertThat(CliErrors.isNodeUnreachable(1, "sudo: a password is required")).isFalse();
		assertThat(CliErrors.isNodeUnreachable(127, "sh: 1: rabbitmqctl: not found")).isFalse();
	}

	@Test
	void tellsAMissingCliFromOneThatNeedsPrivileges() {
		Samples.CliOutput wrongPath = Samples.output("lab/rabbitmqctl-wrong-path.txt");
		Samples.CliOutput nonRoot = Samples.output("lab/rabbitmqctl-as-non-root.txt");
		assertThat(CliErrors.isCommandNotFound(wrongPath.exitCode(), wrongPath.output())).isTrue();
		assertThat(CliErrors.needsPrivileges(wrongPath.exitCode(), wrongPath.output())).isFalse();
		assertThat(CliErrors.isCommandNotFound(nonRoot.exitCode(), nonRoot.output())).isFalse();
		assertThat(CliErrors.needsPrivileges(nonRoot.exitCode(), nonRoot.output())).isTrue();
		assertThat(CliErrors.isCommandNotFound(1, "'rabbitmqctl.bat' is not recognized as an internal or external "
				+ "command,\noperable program or batch file."))
			.isTrue();
		assertThat(CliErrors.explain(1,
				"'C:\\RabbitMQ\\sbin\\rabbitmqctl.bat' is not recognized as an internal or " + "external command,"))
			.contains("C:\\RabbitMQ\\sbin\\rabbitmqctl.bat was not found");
		assertThat(CliErrors.explain(1, "sudo: a password is required")).contains("NOPASSWD");
		Samples.CliOutput running = Samples.output("errors/join-while-app-running.txt");
		assertThat(CliErrors.isCommandNotFound(running.exitCode(), running.output())).isFalse();
	}

	@Test
	void explainsNetworkProblemsFromTheDiagnostics() {
		String unresolved = """
				Error: unable to perform an operation on node 'rabbit@serverb'. Please see diagnostics information and suggestions below.
				DIAGNOSTICS
				===========
				attempted to contact: [rabbit@serverb]
				rabbit@serverb:
				  * unable to connect to epmd (port 4369) on serverb: nxdomain (non-existing domain)
				""";
		assertThat(CliErrors.explain(69, unresolved)).contains("'serverb'", "does not resolve");
		String firewalled = """
				Error: unable to perform an operation on node 'rabbit@centos7'. Please see diagnostics information and suggestions below.
				rabbit@centos7:
				  * connected to epmd (port 4369) on centos7
				  * epmd reports node 'rabbit' uses port 25672 for inter-node and CLI tool traffic
				  * can't establish TCP connection to the target node, reason: timeout (timed out)
				  * suggestion: check if host 'centos7' resolves, is reachable and ports 25672, 4369 are not blocked by firewall
				""";
		assertThat(CliErrors.explain(69, firewalled)).contains("rabbit@centos7", "25672", "timeout");
		String appStopped = """
				rabbit@vm:
				  * connected to epmd (port 4369) on vm
				  * node rabbit@vm up, 'rabbit' application not running
				""";
		assertThat(CliErrors.explain(69, appStopped)).contains("rabbit@vm", "start_app");
	}

	@Test
	void fallsBackToTheErrorLineOfAnUnknownFailure() {
		assertThat(CliErrors.explain(70, "Error:\n{:something_new, :very_odd}\n"))
			.isEqualTo("The command failed with exit code 70: {:something_new, :very_odd}.");
		assertThat(CliErrors.explain(2, "")).isEqualTo("The command failed with exit code 2: no output.");
		assertThat(CliErrors.explain(0, "Starting node hare@vm ...")).isEqualTo("The command succeeded.");
	}

}
