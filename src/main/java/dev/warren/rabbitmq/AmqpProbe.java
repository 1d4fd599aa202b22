package dev.warren.rabbitmq;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import org.springframework.stereotype.Component;

/**
 * Proves that an AMQP endpoint really works: connect, declare a temporary exclusive
 * queue, publish a message to it and get it back, all within a deadline. A TCP check
 * cannot tell a frozen node (its port still accepts connections) from a healthy one; this
 * can.
 */
@Component
public class AmqpProbe {

	/**
	 * One round trip through a fresh connection, closed afterwards.
	 */
	public AmqpProbeResult roundTrip(AmqpEndpoint endpoint, Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		ConnectionFactory factory = factory(endpoint, timeout);
		try (Connection connection = factory.newConnection("warren-probe")) {
			Channel channel = connection.createChannel();
			String queue = channel.queueDeclare("", false, true, true, null).getQueue();
			String id = UUID.randomUUID().toString();
			channel.basicPublish("", queue,
					new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(1).expiration("60000").build(),
					id.getBytes(StandardCharsets.UTF_8));
			while (System.nanoTime() < deadline) {
				GetResponse response = channel.basicGet(queue, true);
				if (response != null && id.equals(response.getProps().getMessageId())) {
					Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
					return new AmqpProbeResult(AmqpProbeResult.State.UP, roundTrip,
							"Published and consumed a message in " + roundTrip.toMillis() + " ms");
				}
				Thread.sleep(5);
			}
			return notResponding(timeout, "the published message did not come back");
		}
		catch (AuthenticationFailureException ex) {
			return down("the login was refused (" + ex.getMessage() + ")");
		}
		catch (ConnectException | NoRouteToHostException ex) {
			return down("the connection was refused: nothing listens on " + endpoint.host() + ":" + endpoint.port());
		}
		catch (UnknownHostException ex) {
			return down("the host name does not resolve: " + endpoint.host());
		}
		catch (SocketTimeoutException | TimeoutException ex) {
			return notResponding(timeout, "no AMQP answer in time (" + ex.getMessage() + ")");
		}
		catch (IOException | RuntimeException ex) {
			if (System.nanoTime() >= deadline || isTimeout(ex)) {
				return notResponding(timeout, "no AMQP answer in time (" + rootMessage(ex) + ")");
			}
			return down("the connection failed: " + rootMessage(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return notResponding(timeout, "interrupted");
		}
	}

	private static ConnectionFactory factory(AmqpEndpoint endpoint, Duration timeout) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(endpoint.host());
		factory.setPort(endpoint.port());
		factory.setUsername(endpoint.username());
		factory.setPassword(endpoint.password());
		factory.setVirtualHost(endpoint.virtualHost());
		int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		factory.setConnectionTimeout(millis);
		factory.setHandshakeTimeout(millis);
		factory.setShutdownTimeout(millis);
		factory.setChannelRpcTimeout(millis);
		factory.setAutomaticRecoveryEnabled(false);
		factory.setRequestedHeartbeat(0);
		return factory;
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private static AmqpProbeResult down(String detail) {
		return new AmqpProbeResult(AmqpProbeResult.State.DOWN, null, detail);
	}

	private static AmqpProbeResult notResponding(Duration timeout, String detail) {
		return new AmqpProbeResult(AmqpProbeResult.State.NOT_RESPONDING, null,
				"No answer within " + timeout.toMillis() + " ms: " + detail);
	}

}
