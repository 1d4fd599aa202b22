package dev.warren.rabbitmq;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import dev.warren.remote.ShellDialect;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asAdmin;
import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The connection test, its card and its API, with the SSH side played by a fake session
 * that answers what the lab's RabbitMQ 3.10.8 answers. {@code RabbitmqLabTests} does the
 * same against the real lab.
 */
@WarrenTest
class ConnectionChecksTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ConnectionChecks checks;

	@Autowired
	JdbcTemplate jdbc;

	@MockitoBean
	RemoteShells shells;

	private final RemoteSession session = mock(RemoteSession.class);

	private long server;

	@BeforeEach
	void aLinuxServer() {
		this.server = new Api(this.mvc).server("LINUX");
		given(this.shells.open(anyLong(), anyString())).willReturn(this.session);
		given(this.session.dialect()).willReturn(ShellDialect.POSIX);
		answer((command) -> command.arguments().contains("check_running")
				? result(0, "RabbitMQ on node rabbit@vm is fully booted and running", "")
				: result(0, Samples.read("lab/status-rabbit.json"), ""));
	}

	@Test
	void aHealthyServerPassesEveryItemAndTheApiKeepsTheResult() {
		assertThat(this.mvc.get().uri("/api/v1/servers/{id}/connection-test", this.server).with(asViewer()))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		MvcTestResult tested = this.mvc.post()
			.uri("/api/v1/servers/{id}/connection-test", this.server)
			.with(asOperator())
			.exchange();
		assertThat(tested).hasStatusOk().bodyJson().extractingPath("$.overall").isEqualTo("PASS");
		assertThat(tested).bodyJson()
			.extractingPath("$.items[*].name")
			.asArray()
			.containsExactly("SSH", "rabbitmqctl", "RabbitMQ node", "Versions");
		assertThat(tested).bodyJson().extractingPath("$.items[*].status").asArray().containsOnly("PASS");
		assertThat(tested).bodyJson().extractingPath("$.rabbitmqVersion").isEqualTo("3.10.8");
		assertThat(tested).bodyJson().extractingPath("$.erlangVersion").isEqualTo("Erlang/OTP 25 [erts-13.1.5]");
		assertThat(tested).bodyJson().extractingPath("$.checkedBy").isEqualTo(Accounts.OPERATOR);
		assertThat(this.mvc.get().uri("/api/v1/servers/{id}/connection-test", this.server).with(asViewer()))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[2].detail")
			.asString()
			.contains("fully booted and running");
	}

	@Test
	void onlyAdminsAndOperatorsMayTest() {
		assertThat(this.mvc.post().uri("/api/v1/servers/{id}/connection-test", this.server).with(asViewer()))
			.hasStatus(403);
		assertThat(this.mvc.post().uri("/api/v1/servers/{id}/connection-test", 987654).with(asAdmin())).hasStatus(404);
	}

	@Test
	void anUntrustedHostKeySaysWhereToTrustIt() {
		given(this.shells.open(anyLong(), anyString()))
			.willThrow(new RemoteException(RemoteException.Kind.HOST_KEY_UNKNOWN, "not trusted"));
		ConnectionCheck check = this.checks.test(this.server, "tester");
		assertThat(check.overall()).isEqualTo(ConnectionCheck.Status.FAIL);
		assertThat(check.items()).singleElement().satisfies((item) -> {
			assertThat(item.name()).isEqualTo("SSH");
			assertThat(item.detail()).startsWith("Host key not trusted yet: trust it on this page");
		});
	}

	@Test
	void refusedCredentialsAndUnreachableHostsFailTheSshItem() {
		given(this.shells.open(anyLong(), anyString()))
			.willThrow(new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED, "Auth fail"));
		assertThat(this.checks.test(this.server, "tester").items().get(0).detail()).contains("refused the stored");
		willThrow(new RemoteException(RemoteException.Kind.CONNECT_FAILED, "Connection refused")).given(this.shells)
			.open(anyLong(), anyString());
		assertThat(this.checks.test(this.server, "tester").items().get(0).detail()).contains("Cannot reach",
				"Connection refused.");
	}

	@Test
	void aWrongRabbitmqctlPathIsNamed() {
		answer((command) -> result(127, "", "bash: line 1: /usr/sbin/rabbitmqctl: No such file or directory"));
		ConnectionCheck check = this.checks.test(this.server, "tester");
		assertThat(check.items()).extracting(ConnectionCheck.Item::name).containsExactly("SSH", "rabbitmqctl");
		assertThat(check.items().get(1).status()).isEqualTo(ConnectionCheck.Status.FAIL);
		assertThat(check.items().get(1).detail()).contains("not found at /usr/sbin/rabbitmqctl");
	}

	@Test
	void aNonRootUserIsToldToUseSudo() {
		answer((command) -> result(1, "", "\nOnly root or rabbitmq should run rabbitmqctl\n"));
		ConnectionCheck check = this.checks.test(this.server, "tester");
		assertThat(check.items().get(1).status()).isEqualTo(ConnectionCheck.Status.FAIL);
		assertThat(check.items().get(1).detail()).contains("Run commands with sudo -n");
	}

	@Test
	void aCookieMismatchFailsTheNodeItem() {
		Samples.CliOutput stranger = Samples.output("lab/status-stranger.txt");
		answer((command) -> result(stranger.exitCode(), "", stranger.output()));
		ConnectionCheck check = this.checks.test(this.server, "tester");
		assertThat(check.items()).extracting(ConnectionCheck.Item::status)
			.containsExactly(ConnectionCheck.Status.PASS, ConnectionCheck.Status.PASS, ConnectionCheck.Status.FAIL);
		assertThat(check.items().get(2).detail()).contains("stranger@vm rejected the Erlang cookie");
		assertThat(check.rabbitmqVersion()).isNull();
	}

	@Test
	void aStoppedAppFailsTheNodeItemButVersionsAreKnown() {
		Samples.CliOutput stopped = Samples.output("errors/check_running-app-stopped.txt");
		answer((command) -> command.arguments().contains("check_running")
				? result(stopped.exitCode(), "", stopped.output())
				: result(0, Samples.read("lab/status-rabbit.json"), ""));
		ConnectionCheck check = this.checks.test(this.server, "tester");
		assertThat(check.items().get(2).status()).isEqualTo(ConnectionCheck.Status.FAIL);
		assertThat(check.items().get(2).detail()).contains("start_app");
		assertThat(check.items().get(3).status()).isEqualTo(ConnectionCheck.Status.PASS);
		assertThat(check.rabbitmqVersion()).isEqualTo("3.10.8");
	}

	@Test
	void aCommandThatHangsFailsItsOwnItem() {
		answer((command) -> {
			throw new RemoteException(RemoteException.Kind.TIMEOUT, "timed out");
		});
		ConnectionCheck check = this.checks.test(this.server, "tester");
		assertThat(check.items()).extracting(ConnectionCheck.Item::name).containsExactly("SSH", "rabbitmqctl");
		assertThat(check.items().get(1).detail()).contains("did not finish within 30 seconds");
	}

	@Test
	void keepsEveryTestAndShowsTheNewest() {
		this.checks.test(this.server, "first");
		answer((command) -> result(127, "", "bash: rabbitmqctl: command not found"));
		this.checks.test(this.server, "second");
		assertThat(this.checks.history(this.server, 10)).extracting(ConnectionCheck::checkedBy)
			.containsExactly("second", "first");
		assertThat(this.checks.latest(this.server)).get()
			.extracting(ConnectionCheck::overall)
			.isEqualTo(ConnectionCheck.Status.FAIL);
	}

	@Test
	void deletingTheServerDeletesItsTests() {
		this.checks.test(this.server, "tester");
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", this.server).with(asAdmin())).hasStatus(204);
		assertThat(this.jdbc.queryForObject("select count(*) from connection_check where server_id = ?", Long.class,
				this.server))
			.isZero();
	}

	@Test
	void theCardShowsTheLastResultAndTheButtonOnlyToThoseWhoMayTest() {
		assertThat(this.mvc.get().uri("/servers/{id}/connection", this.server).session(login(Accounts.OPERATOR)))
			.hasStatusOk()
			.bodyText()
			.contains("card shadow-sm h-100", "Never tested", "test-connection", "_csrf",
					"hx-post=\"/servers/" + this.server + "/connection-test\"");
		this.checks.test(this.server, "tester");
		assertThat(this.mvc.get().uri("/servers/{id}/connection", this.server).session(login(Accounts.VIEWER)))
			.hasStatusOk()
			.bodyText()
			.contains("✓", "3.10.8", "Erlang/OTP 25", "by <span>tester</span>", "fully booted and running")
			.doesNotContain("test-connection", "<script", "<html");
	}

	@Test
	void theButtonUpdatesTheCardInPlaceOrFallsBackToThePage() {
		MockHttpSession operator = login(Accounts.OPERATOR);
		assertThat(this.mvc.post()
			.uri("/servers/{id}/connection-test", this.server)
			.session(operator)
			.with(csrf())
			.header("HX-Request", "true")).hasStatusOk().bodyText().contains("data-testid=\"connection-card\"", "✓");
		MvcTestResult plain = this.mvc.post()
			.uri("/servers/{id}/connection-test", this.server)
			.session(operator)
			.with(csrf())
			.exchange();
		assertThat(plain).hasStatus(302).redirectedUrl().isEqualTo("/servers/" + this.server);
		assertThat(plain).flash().containsKey("success");
		assertThat(this.mvc.post()
			.uri("/servers/{id}/connection-test", this.server)
			.session(login(Accounts.VIEWER))
			.with(csrf())).hasStatus(403);
		assertThat(this.mvc.post().uri("/servers/{id}/connection-test", this.server).session(operator))
			.as("without a CSRF token")
			.hasStatus(403);
	}

	private void answer(Function<CommandLine, CommandResult> answers) {
		given(this.session.run(any(CommandLine.class), any(Duration.class), any(OutputListener.class)))
			.willAnswer((invocation) -> answers.apply(invocation.getArgument(0)));
	}

	private static CommandResult result(int exitCode, String stdout, String stderr) {
		return new CommandResult("rabbitmqctl …", exitCode, stdout, stderr, Instant.now(), Duration.ofSeconds(1));
	}

	private MockHttpSession login(String user) {
		return Accounts.login(this.mvc, user);
	}

}
