package dev.warren.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.rabbitmq.AmqpProbeResult;

/**
 * A balancer, as a client sees it: a TCP connect to its listen address, then an AMQP
 * round trip through it on a fresh connection (a balancer chooses a node per connection).
 */
final class BalancerProbe {

	private final AmqpProbe amqp;

	BalancerProbe(AmqpProbe amqp) {
		this.amqp = amqp;
	}

	ProbeResult probe(Targets.BalancerTarget target, Duration timeout) {
		long start = System.nanoTime();
		String address = target.host() + ":" + target.port();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(target.host(), target.port()), (int) Math.max(1, timeout.toMillis()));
		}
		catch (ConnectException ex) {
			return ProbeResult.down("connection refused: nothing listens on " + address + " (balancer stopped?)");
		}
		catch (SocketTimeoutException ex) {
			return ProbeResult.notResponding("no TCP answer from " + address + " within " + timeout.toMillis() + " ms");
		}
		catch (UnknownHostException ex) {
			return ProbeResult.down("the host name does not resolve: " + target.host());
		}
		catch (IOException ex) {
			return ProbeResult.down("TCP connect to " + address + " failed: " + AmqpFailures.rootMessage(ex));
		}
		long tcpMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		if (target.endpoint() == null) {
			return ProbeResult.up(tcpMs, "TCP connect in " + tcpMs + " ms; no AMQP round trip: " + target.reason());
		}
		Duration remaining = timeout.minusNanos(System.nanoTime() - start);
		if (remaining.toMillis() < 1) {
			return ProbeResult
				.notResponding("no AMQP answer through " + address + " within " + timeout.toMillis() + " ms");
		}
		AmqpProbeResult result = this.amqp.roundTrip(target.endpoint(), remaining);
		return switch (result.state()) {
			case UP -> ProbeResult.up(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
					"TCP connect in " + tcpMs + " ms; " + lower(result.detail()) + " through " + address);
			case NOT_RESPONDING -> ProbeResult.notResponding(
					"accepts TCP connections, but " + lower(result.detail()) + " (no node answers behind it?)");
			case DOWN -> ProbeResult.down("accepts TCP connections, but AMQP through it fails: " + result.detail());
		};
	}

	private static String lower(String text) {
		return (text == null || text.isEmpty()) ? "" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
	}

}
