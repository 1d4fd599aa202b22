package dev.warren.health;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live stream's registry and coalescing, without a server: bursts collapse to one
 * fragment per target, unchanged tiles are not sent again, a dead client is dropped and a
 * stuck one neither delays the others nor piles up work.
 */
class DashboardStreamTests {

	final AtomicReference<HealthSnapshot> snapshot = new AtomicReference<>(HealthFixtures.snapshot());

	final AtomicInteger renders = new AtomicInteger();

	final ExecutorService senders = Executors.newFixedThreadPool(2);

	final DashboardStream stream = new DashboardStream(new TextFragments(), this.snapshot::get, this.senders);

	@AfterEach
	void stop() {
		this.senders.shutdownNow();
	}

	@Test
	void sendsEveryTileOnConnectThenOneFragmentPerTargetForABurst() throws Exception {
		Recording client = connect(new Recording());
		Recording second = connect(new Recording());
		client.awaitEvents(6);
		second.awaitEvents(6);
		assertThat(client.names()).containsExactlyInAnyOrder("cluster-5", "node-11", "node-12", "node-13", "node-14",
				"balancer-3");
		client.clear();
		second.clear();

		this.snapshot.set(HealthFixtures.snapshot(HealthState.UP, HealthState.UP));
		for (int i = 0; i < 50; i++) {
			this.stream.on(sample(HealthFixtures.DOWN, HealthState.UP, (long) i));
		}
		this.stream.on(changed(HealthFixtures.DOWN, HealthState.DOWN, HealthState.UP));
		int rendersBefore = this.renders.get();
		this.stream.flush();
		client.awaitEvents(4);
		second.awaitEvents(4);
		Thread.sleep(100);

		for (Recording each : List.of(client, second)) {
			assertThat(each.names()).containsExactlyInAnyOrder("node-12", "cluster-5", "timeline", "samples");
			assertThat(each.data("node-12")).isEqualTo("node hare@vm UP");
			assertThat(each.data("timeline")).isEqualTo("hare@vm came back UP");
			assertThat(each.data("samples")).startsWith("{\"node-12\":[[").contains(",0]", ",49]");
		}
		assertThat(this.renders.get() - rendersBefore).as("rendered once for all clients").isEqualTo(1);
	}

	@Test
	void aStateChangeGoesOutAtOnceWhileRoundTripsWaitForTheTick() throws Exception {
		// A tick far away: only the immediate flush of a state change can deliver.
		this.stream.start(Duration.ofHours(1));
		try {
			Recording client = connect(new Recording());
			client.awaitEvents(6);
			client.clear();
			this.stream.on(sample(HealthFixtures.UP, HealthState.UP, 7L));
			Thread.sleep(300);
			assertThat(client.names()).as("a round trip alone waits for the tick").isEmpty();

			this.snapshot.set(HealthFixtures.snapshot(HealthState.UP, HealthState.UP));
			this.stream.on(changed(HealthFixtures.DOWN, HealthState.DOWN, HealthState.UP));
			client.awaitEvents(3);
			assertThat(client.names()).contains("node-12", "timeline", "samples");
			assertThat(client.data("node-12")).isEqualTo("node hare@vm UP");
		}
		finally {
			this.stream.stop();
		}
	}

	@Test
	void aNewProbeWithTheSameOutcomeSendsNothing() throws Exception {
		Recording client = connect(new Recording());
		client.awaitEvents(6);
		this.stream.on(sample(HealthFixtures.UP, HealthState.UP, 2L));
		this.stream.flush();
		client.awaitEvents(6 + 3);
		Thread.sleep(100);
		client.clear();
		this.stream.on(sample(HealthFixtures.UP, HealthState.UP, 2L));
		this.stream.flush();
		client.awaitEvents(1);
		Thread.sleep(100);
		assertThat(client.names()).containsExactly("samples");
	}

	@Test
	void dropsAClientWhoseConnectionFailedAndKeepsTheOthers() throws Exception {
		Recording healthy = connect(new Recording());
		Recording broken = connect(new Recording());
		healthy.awaitEvents(6);
		broken.awaitEvents(6);
		broken.fail = true;
		assertThat(this.stream.clientCount()).isEqualTo(2);

		this.stream.heartbeat();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		// Each client is sent to on its own: wait for both outcomes, not only the drop.
		while ((this.stream.clientCount() > 1 || healthy.comments.get() < 1) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.stream.clientCount()).isEqualTo(1);
		assertThat(healthy.comments.get()).isEqualTo(1);
	}

	@Test
	void aStuckClientDelaysNobodyAndGetsOnlyTheLatestFragmentPerTarget() throws Exception {
		Recording stuck = connect(new Recording());
		stuck.awaitEvents(6);
		stuck.block = new CountDownLatch(1);
		Recording other = connect(new Recording());
		other.awaitEvents(6);

		this.stream.on(sample(HealthFixtures.UP, HealthState.UP, 7L));
		this.snapshot.set(HealthFixtures.snapshot(HealthState.UP, HealthState.UP));
		this.stream.on(sample(HealthFixtures.DOWN, HealthState.UP, 1L));
		this.stream.flush();
		// The stuck client now blocks in its first send; more changes arrive meanwhile.
		for (HealthState state : List.of(HealthState.DOWN, HealthState.NOT_RESPONDING, HealthState.UP,
				HealthState.DOWN)) {
			this.snapshot.set(HealthFixtures.snapshot(state, HealthState.UP));
			this.stream.on(sample(HealthFixtures.DOWN, state, null));
			// The ticker's pace: a client that keeps up gets every change.
			Thread.sleep(100);
			this.stream.flush();
		}
		other.awaitCount("node-12", 6);
		assertThat(stuck.block.getCount()).as("the stuck client is still stuck").isEqualTo(1);
		assertThat(other.all("node-12")).containsExactly("node hare@vm DOWN", "node hare@vm UP", "node hare@vm DOWN",
				"node hare@vm NOT_RESPONDING", "node hare@vm UP", "node hare@vm DOWN");

		stuck.clear();
		stuck.block.countDown();
		stuck.awaitData("node-12", "node hare@vm DOWN");
		Thread.sleep(100);
		assertThat(stuck.all("node-12")).as("the queue kept one fragment per target")
			.hasSizeLessThanOrEqualTo(2)
			.endsWith("node hare@vm DOWN");
	}

	@Test
	void tellsThePagesWhenTheInventoryChanged() throws Exception {
		Recording client = connect(new Recording());
		client.awaitEvents(6);
		HealthSnapshot before = HealthFixtures.snapshot();
		ClusterHealth cluster = before.clusters().get(0);
		this.snapshot
			.set(new HealthSnapshot(before.at(),
					List.of(new ClusterHealth(cluster.id(), cluster.name(), cluster.status(), cluster.summary(),
							cluster.nodes().subList(0, 3), cluster.balancers(), cluster.state(), cluster.since())),
					true));
		this.stream.on(sample(HealthFixtures.UP, HealthState.UP, 2L));
		this.stream.flush();
		client.awaitCount(DashboardStream.ESTATE, 1);
		client.clear();
		this.stream.on(sample(HealthFixtures.UP, HealthState.UP, 3L));
		this.stream.flush();
		client.awaitEvents(1);
		Thread.sleep(100);
		assertThat(client.names()).doesNotContain(DashboardStream.ESTATE);
	}

	@Test
	void theTimelineStartsFromThePersistedHistoryWithoutDoublingWhatItSawLive() {
		Instant now = Instant.now();
		TimelineEntry storedEarlier = new TimelineEntry(TargetKind.NODE, 12, "hare@vm", 5L, HealthState.UP,
				HealthState.DOWN, now.minusSeconds(600), "refused");
		HealthStateChanged live = new HealthStateChanged(TargetKind.NODE, 12, "hare@vm", 5L, HealthState.DOWN,
				HealthState.UP, now, "");
		// The database stores timestamps with less precision than Instant.now().
		TimelineEntry storedLive = new TimelineEntry(TargetKind.NODE, 12, "hare@vm", 5L, HealthState.DOWN,
				HealthState.UP, now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), "");
		DashboardStream seeded = new DashboardStream(new TextFragments(), this.snapshot::get,
				() -> List.of(storedLive, storedEarlier), this.senders);
		seeded.on(live);
		assertThat(seeded.recent()).extracting(TimelineEntry::verb).containsExactly("came back UP", "went DOWN");
	}

	Recording connect(Recording emitter) {
		this.stream.connect(emitter);
		return emitter;
	}

	static HealthSampled sample(long serverId, HealthState state, Long roundTripMs) {
		return new HealthSampled(TargetKind.NODE, serverId, "node", HealthFixtures.CLUSTER, state, roundTripMs,
				Instant.now(), "");
	}

	static HealthStateChanged changed(long serverId, HealthState from, HealthState to) {
		return new HealthStateChanged(TargetKind.NODE, serverId, "hare@vm", HealthFixtures.CLUSTER, from, to,
				Instant.now(), "");
	}

	final class TextFragments implements DashboardStream.Fragments {

		@Override
		public String node(NodeHealth node) {
			DashboardStreamTests.this.renders.incrementAndGet();
			return "node " + node.nodeName() + " " + node.state();
		}

		@Override
		public String balancer(BalancerHealth balancer) {
			return "balancer " + balancer.state();
		}

		@Override
		public String cluster(ClusterHealth cluster) {
			return "cluster " + cluster.summary();
		}

		@Override
		public String timeline(List<TimelineEntry> newestFirst) {
			return newestFirst.stream().map((e) -> e.name() + " " + e.verb()).collect(Collectors.joining("\n"));
		}

	}

	/** An emitter that records what would go over the wire. */
	static final class Recording extends SseEmitter {

		final List<String[]> events = new CopyOnWriteArrayList<>();

		final AtomicInteger comments = new AtomicInteger();

		volatile boolean fail;

		volatile CountDownLatch block;

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			CountDownLatch latch = this.block;
			if (latch != null) {
				try {
					latch.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.fail) {
				throw new IOException("Broken pipe");
			}
			String wire = builder.build()
				.stream()
				.map((part) -> String.valueOf(part.getData()))
				.collect(Collectors.joining());
			if (wire.startsWith(":")) {
				this.comments.incrementAndGet();
				return;
			}
			String name = null;
			StringBuilder data = new StringBuilder();
			for (String line : wire.split("\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6);
				}
				else if (line.startsWith("data:")) {
					data.append((data.length() > 0) ? "\n" : "").append(line.substring(5));
				}
			}
			this.events.add(new String[] { name, data.toString() });
		}

		List<String> names() {
			return this.events.stream().map((e) -> e[0]).toList();
		}

		String data(String name) {
			return all(name).get(all(name).size() - 1);
		}

		List<String> all(String name) {
			return this.events.stream().filter((e) -> e[0].equals(name)).map((e) -> e[1]).toList();
		}

		void clear() {
			this.events.clear();
		}

		void awaitEvents(int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (this.events.size() < count && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(this.events).hasSizeGreaterThanOrEqualTo(count);
		}

		void awaitCount(String name, int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (all(name).size() < count && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(all(name)).hasSizeGreaterThanOrEqualTo(count);
		}

		void awaitData(String name, String data) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (!all(name).contains(data) && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(all(name)).contains(data);
		}

	}

}
