package dev.warren.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import dev.warren.rabbitmq.AmqpEndpoint;

/**
 * The drill's clients, all through the balancer: a publisher (persistent messages with
 * sequence numbers, each confirmed by the broker before the next), a consumer (manual
 * acks), both with the client's automatic recovery as a real application would have, and
 * a prober that opens a fresh connection every few hundred milliseconds and finds out
 * which node it landed on.
 */
final class DrillTraffic implements AutoCloseable {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

	private final AmqpEndpoint balancer;

	private final String queue;

	private final String prefix;

	private final String victim;

	private final NodeLocator locator;

	private final DrillProperties properties;

	private final long origin = System.nanoTime();

	private final MessageTally tally = new MessageTally(this.origin);

	private final ProbeTimeline timeline = new ProbeTimeline();

	private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(3, (task) -> {
		Thread thread = new Thread(task, "drill-traffic");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger probeCount = new AtomicInteger();

	private static final int CLIENT_PLACEMENT_ATTEMPTS = 12;

	private final Map<String, String> placements = new java.util.concurrent.ConcurrentHashMap<>();

	private final AtomicInteger publisherRecoveries = new AtomicInteger();

	private final AtomicInteger consumerRecoveries = new AtomicInteger();

	private volatile boolean publishing;

	private Connection publisher;

	private Connection consumer;

	/**
	 * @param prefix unique per drill: names the prober's connections and queues
	 */
	DrillTraffic(AmqpEndpoint balancer, String queue, String prefix, String victim, NodeLocator locator,
			DrillProperties properties) {
		this.balancer = balancer;
		this.victim = victim;
		this.queue = queue;
		this.prefix = prefix;
		this.locator = locator;
		this.properties = properties;
	}

	/** Milliseconds since the traffic started: the drill's clock. */
	long now() {
		return (System.nanoTime() - this.origin) / 1_000_000;
	}

	MessageTally tally() {
		return this.tally;
	}

	ProbeTimeline timeline() {
		return this.timeline;
	}

	/** Opens the consumer, then the publisher, then starts probing. */
	void start() throws IOException, TimeoutException {
		this.consumer = onTheNodeToStop(this.prefix + "-consumer");
		counting(this.consumer, this.consumerRecoveries);
		Channel in = this.consumer.createChannel();
		in.basicQos(100);
		in.basicConsume(this.queue, false, this.prefix + "-consumer", new DefaultConsumer(in) {
			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) throws IOException {
				long at = System.nanoTime();
				try {
					DrillTraffic.this.tally.received(Integer.parseInt(new String(body, StandardCharsets.US_ASCII)), at);
				}
				catch (NumberFormatException ex) {
					// not one of ours
				}
				getChannel().basicAck(envelope.getDeliveryTag(), false);
			}
		});
		this.publisher = onTheNodeToStop(this.prefix + "-publisher");
		counting(this.publisher, this.publisherRecoveries);
		this.publishing = true;
		this.threads.execute(this::publish);
		this.threads.scheduleWithFixedDelay(this::probe, 0, this.properties.probeInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * A recovering connection through the balancer, preferably one that landed on the
	 * node the drill stops, so that the drill really makes the client fail over: a few
	 * connections are opened until one lands there (with round robin, one in as many
	 * tries as there are nodes). Where the balancer never sends it there (hashing by
	 * client address, say), the last one is kept.
	 */
	private Connection onTheNodeToStop(String name) throws IOException, TimeoutException {
		Connection connection = null;
		for (int attempt = 1; attempt <= CLIENT_PLACEMENT_ATTEMPTS; attempt++) {
			connection = recovering().newConnection(name);
			if (!this.locator.usable()) {
				return connection;
			}
			String marker = name + "-where-" + attempt;
			Channel channel = connection.createChannel();
			channel.queueDeclare(marker, false, true, true, Map.of("x-queue-master-locator", "client-local"));
			String node = this.locator.nodeOfQueue(this.balancer.virtualHost(), marker);
			channel.queueDelete(marker);
			channel.close();
			if (this.victim.equals(node) || attempt == CLIENT_PLACEMENT_ATTEMPTS) {
				this.placements.put(name, (node != null) ? node : "unknown");
				return connection;
			}
			connection.close();
		}
		return connection;
	}

	/** Which node the publisher's and the consumer's connections landed on first. */
	Map<String, String> placements() {
		return Map.copyOf(this.placements);
	}

	private static void counting(Connection connection, AtomicInteger recoveries) {
		if (connection instanceof Recoverable recoverable) {
			recoverable.addRecoveryListener(new RecoveryListener() {
				@Override
				public void handleRecovery(Recoverable recovered) {
					recoveries.incrementAndGet();
				}

				@Override
				public void handleRecoveryStarted(Recoverable recovering) {
				}
			});
		}
	}

	/** How often the publisher's and the consumer's connections were recovered. */
	Reconnections reconnections() {
		return new Reconnections(this.publisherRecoveries.get(), this.consumerRecoveries.get());
	}

	private void publish() {
		int sequence = 1;
		Channel channel = null;
		while (this.publishing) {
			try {
				if (channel == null || !channel.isOpen()) {
					channel = this.publisher.createChannel();
					channel.confirmSelect();
				}
				channel.basicPublish("", this.queue, MessageProperties.PERSISTENT_BASIC,
						Integer.toString(sequence).getBytes(StandardCharsets.US_ASCII));
				this.tally.published(sequence);
				int published = sequence++;
				try {
					if (channel.waitForConfirms(CONFIRM_TIMEOUT.toMillis())) {
						this.tally.confirmed(published);
					}
					else {
						this.tally.nacked(published);
					}
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					// in doubt: the connection dropped or the confirm did not come in
					// time
				}
			}
			catch (IOException | RuntimeException ex) {
				this.tally.publishFailed();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			pause(this.properties.publishInterval());
		}
	}

	private void probe() {
		int number = this.probeCount.incrementAndGet();
		String name = this.prefix + "-probe-" + number;
		long at = now();
		ConnectionFactory factory = plain();
		try (Connection connection = factory.newConnection(name)) {
			String node = null;
			if (this.locator.usable()) {
				Channel channel = connection.createChannel();
				channel.queueDeclare(name, false, true, true, Map.of("x-queue-master-locator", "client-local"));
				node = this.locator.nodeOfQueue(this.balancer.virtualHost(), name);
			}
			this.timeline.add(new ProbeTimeline.Probe(at, node, null));
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			this.timeline.add(new ProbeTimeline.Probe(at, null, rootMessage(ex)));
		}
	}

	/** Stops publishing; the consumer and the prober keep going. */
	void stopPublishing() {
		this.publishing = false;
	}

	/**
	 * Waits until every confirmed message arrived, or the time is up.
	 * @return whether everything arrived
	 */
	boolean drain(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.tally.drained() && System.nanoTime() < deadline) {
			pause(Duration.ofMillis(100));
		}
		// late redeliveries still count as duplicates
		pause(Duration.ofMillis(300));
		return this.tally.drained();
	}

	/** Deletes the drill's queue through the balancer. */
	void deleteQueue() throws IOException, TimeoutException {
		try (Connection connection = plain().newConnection(this.prefix + "-cleanup")) {
			connection.createChannel().queueDelete(this.queue);
		}
	}

	@Override
	public void close() {
		this.publishing = false;
		this.threads.shutdownNow();
		try {
			this.threads.awaitTermination(CONFIRM_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (Connection connection : new Connection[] { this.publisher, this.consumer }) {
			if (connection != null) {
				connection.abort(2000);
			}
		}
	}

	private ConnectionFactory recovering() {
		ConnectionFactory factory = plain();
		factory.setAutomaticRecoveryEnabled(true);
		factory.setTopologyRecoveryEnabled(true);
		factory.setNetworkRecoveryInterval(500);
		return factory;
	}

	private ConnectionFactory plain() {
		return factory(this.balancer);
	}

	/** How often the publisher's and the consumer's connections were recovered. */
	record Reconnections(int publisher, int consumer) {

	}

	static ConnectionFactory factory(AmqpEndpoint endpoint) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(endpoint.host());
		factory.setPort(endpoint.port());
		factory.setUsername(endpoint.username());
		factory.setPassword(endpoint.password());
		factory.setVirtualHost(endpoint.virtualHost());
		factory.setConnectionTimeout(3000);
		factory.setHandshakeTimeout(3000);
		factory.setChannelRpcTimeout(5000);
		factory.setShutdownTimeout(2000);
		factory.setRequestedHeartbeat(5);
		factory.setAutomaticRecoveryEnabled(false);
		return factory;
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
