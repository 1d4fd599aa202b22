package dev.warren.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ExceptionHandler;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import dev.warren.rabbitmq.AmqpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's AMQP connection, kept open between probes: each probe publishes a message to
 * a temporary exclusive queue and waits for the consumer to get it back. A dropped
 * connection is opened again on the next probe.
 * <p>
 * Probes of one node run one at a time. A probe that overruns its deadline is abandoned
 * from outside ({@link #abandon()}), which closes the socket so that the blocked thread
 * returns; the connection object is not reused afterwards.
 */
final class NodeConnection {

	private static final Logger log = LoggerFactory.getLogger(NodeConnection.class);

	/**
	 * Abandoned and dropped connections are this class's daily work, not warnings: the
	 * probe result already says what happened.
	 */
	/** amqp-client's own threads; a probe connection must never keep the JVM alive. */
	private static final ThreadFactory DAEMON = (runnable) -> {
		Thread thread = new Thread(runnable, "health-amqp");
		thread.setDaemon(true);
		return thread;
	};

	private static final ExceptionHandler QUIET = new ForgivingExceptionHandler() {
		@Override
		protected void log(String message, Throwable failure) {
			log.debug("{}: {}", message, failure.toString());
		}
	};

	private final AmqpEndpoint endpoint;

	private final Duration timeout;

	private final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();

	private volatile Connection connection;

	private volatile Channel channel;

	private volatile String queue;

	private volatile boolean abandoned;

	NodeConnection(AmqpEndpoint endpoint, Duration timeout) {
		this.endpoint = endpoint;
		this.timeout = timeout;
	}

	ProbeResult roundTrip() {
		long start = System.nanoTime();
		long deadline = start + this.timeout.toNanos();
		boolean reused = isOpen();
		try {
			return attempt(start, deadline);
		}
		catch (TimeoutException ex) {
			close();
			return AmqpFailures.notResponding(this.timeout.toMillis());
		}
		catch (Exception ex) {
			close();
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return ProbeResult.unknown("interrupted");
			}
			if (reused && !this.abandoned && System.nanoTime() < deadline) {
				// The kept connection was closed under us (the node restarted, say):
				// one more try on a fresh connection decides.
				try {
					return attempt(System.nanoTime(), deadline);
				}
				catch (TimeoutException retry) {
					close();
					return AmqpFailures.notResponding(this.timeout.toMillis());
				}
				catch (Exception retry) {
					close();
					return AmqpFailures.classify(retry, address(), this.timeout.toMillis());
				}
			}
			return AmqpFailures.classify(ex, address(), this.timeout.toMillis());
		}
	}

	private ProbeResult attempt(long start, long deadline) throws Exception {
		boolean connected = false;
		if (!isOpen()) {
			connect(deadline);
			connected = true;
		}
		String id = UUID.randomUUID().toString();
		CompletableFuture<Long> arrived = new CompletableFuture<>();
		this.waiting.put(id, arrived);
		try {
			long published = System.nanoTime();
			this.channel.basicPublish("", this.queue,
					new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(1).expiration("10000").build(),
					id.getBytes(StandardCharsets.UTF_8));
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new TimeoutException();
			}
			long receivedAt = arrived.get(remaining, TimeUnit.NANOSECONDS);
			long roundTripMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(receivedAt - published));
			return ProbeResult.up(roundTripMs, "published and consumed a message in " + roundTripMs + " ms" + (connected
					? " (on a new connection, opened in " + TimeUnit.NANOSECONDS.toMillis(published - start) + " ms)"
					: ""));
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		finally {
			this.waiting.remove(id);
		}
	}

	private void connect(long deadline) throws IOException, TimeoutException {
		int millis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.endpoint.host());
		factory.setPort(this.endpoint.port());
		factory.setUsername(this.endpoint.username());
		factory.setPassword(this.endpoint.password());
		factory.setVirtualHost(this.endpoint.virtualHost());
		factory.setConnectionTimeout(millis);
		factory.setHandshakeTimeout(millis);
		factory.setShutdownTimeout(millis);
		factory.setChannelRpcTimeout(millis);
		factory.setAutomaticRecoveryEnabled(false);
		factory.setTopologyRecoveryEnabled(false);
		factory.setRequestedHeartbeat(0);
		factory.setExceptionHandler(QUIET);
		factory.setThreadFactory(DAEMON);
		Connection opened = factory.newConnection("warren-health");
		opened.addShutdownListener(
				(cause) -> this.waiting.values().forEach((waiter) -> waiter.completeExceptionally(cause)));
		if (this.abandoned) {
			opened.abort(100);
			throw new TimeoutException("abandoned");
		}
		Channel opening = opened.createChannel();
		String declared = opening.queueDeclare("", false, true, true, null).getQueue();
		opening.basicConsume(declared, true, new DefaultConsumer(opening) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) {
				long now = System.nanoTime();
				String messageId = properties.getMessageId();
				CompletableFuture<Long> waiter = (messageId != null) ? NodeConnection.this.waiting.get(messageId)
						: null;
				if (waiter != null) {
					waiter.complete(now);
				}
			}
		});
		this.connection = opened;
		this.channel = opening;
		this.queue = declared;
		if (this.abandoned) {
			close();
		}
	}

	private boolean isOpen() {
		Connection current = this.connection;
		Channel open = this.channel;
		return current != null && current.isOpen() && open != null && open.isOpen();
	}

	private String address() {
		return this.endpoint.host() + ":" + this.endpoint.port();
	}

	/**
	 * Gives up on this connection from another thread: closes its socket so that a
	 * blocked probe returns. It is not used again.
	 */
	void abandon() {
		this.abandoned = true;
		close();
	}

	void close() {
		Connection current = this.connection;
		this.connection = null;
		this.channel = null;
		if (current != null) {
			current.abort(100);
		}
	}

}
