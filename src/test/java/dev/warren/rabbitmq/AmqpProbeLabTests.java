package dev.warren.rabbitmq;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.warren.support.Lab;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AMQP round trip against the lab's real nodes and balancers, and against the two
 * failures a TCP check cannot tell apart: a refused port and a port that accepts but
 * never answers.
 */
@LabTest
class AmqpProbeLabTests {

	private static final Duration TIMEOUT = Duration.ofMillis(1500);

	private final Lab lab = Lab.find().orElseThrow();

	private final AmqpProbe probe = new AmqpProbe();

	@Test
	void aRunningNodeAndBothBalancersAreUp() {
		for (String port : List.of(this.lab.get("rabbit.0.amqpPort"), this.lab.get("nginx.port"),
				this.lab.get("haproxy.port"))) {
			AmqpProbeResult result = this.probe.roundTrip(endpoint(Integer.parseInt(port)), TIMEOUT);
			assertThat(result.state()).as(port + ": " + result.detail()).isEqualTo(AmqpProbeResult.State.UP);
			assertThat(result.roundTrip()).isLessThan(TIMEOUT);
		}
	}

	@Test
	void aClosedPortIsDown() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		AmqpProbeResult result = this.probe.roundTrip(endpoint(port), TIMEOUT);
		assertThat(result.state()).as(result.detail()).isEqualTo(AmqpProbeResult.State.DOWN);
		assertThat(result.detail()).contains("refused");
	}

	@Test
	void aPortThatAcceptsButNeverAnswersIsNotResponding() throws Exception {
		// What a frozen (SIGSTOPped) node looks like from outside: the kernel still
		// accepts.
		try (ServerSocket silent = new ServerSocket(0)) {
			List<Socket> accepted = new ArrayList<>();
			Thread acceptor = new Thread(() -> {
				try {
					while (!silent.isClosed()) {
						accepted.add(silent.accept());
					}
				}
				catch (IOException ignored) {
					// closed
				}
			});
			acceptor.start();
			long start = System.nanoTime();
			AmqpProbeResult result = this.probe.roundTrip(endpoint(silent.getLocalPort()), TIMEOUT);
			long elapsed = (System.nanoTime() - start) / 1_000_000;
			assertThat(result.state()).as(result.detail()).isEqualTo(AmqpProbeResult.State.NOT_RESPONDING);
			assertThat(elapsed).as("bounded by the timeout").isLessThan(TIMEOUT.toMillis() * 3);
			silent.close();
			acceptor.join(2000);
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

	@Test
	void aFrozenNodeIsNotRespondingAndUpAgainWhenItThaws() throws Exception {
		String pid = this.lab.get("rabbit.2.pid");
		int port = Integer.parseInt(this.lab.get("rabbit.2.amqpPort"));
		signal("STOP", pid);
		try {
			AmqpProbeResult frozen = this.probe.roundTrip(endpoint(port), TIMEOUT);
			assertThat(frozen.state()).as(frozen.detail()).isEqualTo(AmqpProbeResult.State.NOT_RESPONDING);
		}
		finally {
			signal("CONT", pid);
		}
		AmqpProbeResult thawed = this.probe.roundTrip(endpoint(port), Duration.ofSeconds(10));
		assertThat(thawed.state()).as(thawed.detail()).isEqualTo(AmqpProbeResult.State.UP);
	}

	@Test
	void wrongCredentialsAreDown() {
		AmqpProbeResult result = this.probe.roundTrip(new AmqpEndpoint("127.0.0.1",
				Integer.parseInt(this.lab.get("rabbit.0.amqpPort")), "guest", "not-the-password", "/"), TIMEOUT);
		assertThat(result.state()).as(result.detail()).isEqualTo(AmqpProbeResult.State.DOWN);
	}

	private static void signal(String signal, String pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	private AmqpEndpoint endpoint(int port) {
		return new AmqpEndpoint("127.0.0.1", port, this.lab.get("rabbit.managementUser"),
				this.lab.get("rabbit.managementPassword"), "/");
	}

}
