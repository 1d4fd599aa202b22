package dev.warren.health;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the dashboard live to every open page (SSE): on connect the current state of
 * every tile, then, for each node, balancer and cluster that changed, its tile rendered
 * as HTML under the event name {@code node-12}, {@code balancer-3} or {@code cluster-5}
 * (the page's {@code sse-swap} targets), new timeline lines as {@code timeline}, and
 * round trips for the charts as {@code samples} (JSON).
 * <p>
 * The health events arrive on the probe threads: they are only noted there. A ticker
 * renders what changed at most once per target per {@link #COALESCE} (a state change at
 * once), once for all clients, and sends only what differs from the last push. Each
 * client has its own queue in which a newer fragment replaces an unsent older one of the
 * same target, and is drained by a small pool, so a slow client costs a bounded amount of
 * memory and never delays the others. A client whose connection fails is dropped; a
 * comment every {@link #HEARTBEAT} finds dead ones. Emitters time out after
 * {@link #EMITTER_TIMEOUT} and the browser's EventSource reconnects.
 */
@Component
class DashboardStream implements SmartLifecycle {

	static final Duration COALESCE = Duration.ofMillis(250);

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(10);

	static final int TIMELINE_SIZE = 50;

	static final String TIMELINE = "timeline";

	static final String SAMPLES = "samples";

	/**
	 * Sent when servers, clusters or balancers were added or removed: the page offers a
	 * reload.
	 */
	static final String ESTATE = "estate";

	private static final String HEARTBEAT_KEY = ":heartbeat";

	private static final int MAX_QUEUED_SAMPLES = 20_000;

	private static final Logger log = LoggerFactory.getLogger(DashboardStream.class);

	/** Renders the live parts; {@link DashboardFragments} in the application. */
	interface Fragments {

		String node(NodeHealth node);

		String balancer(BalancerHealth balancer);

		String cluster(ClusterHealth cluster);

		String timeline(List<TimelineEntry> newestFirst);

	}

	private final Fragments fragments;

	private final Supplier<HealthSnapshot> snapshots;

	private final Supplier<List<TimelineEntry>> persisted;

	private volatile boolean seeded;

	private final Set<Client> clients = ConcurrentHashMap.newKeySet();

	private final Set<String> dirty = ConcurrentHashMap.newKeySet();

	private final ConcurrentLinkedQueue<TimelineEntry> newEntries = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queuedSamples = new AtomicInteger();

	private final Deque<TimelineEntry> recent = new ArrayDeque<>();

	/** Counts the changes of {@link #recent}. */
	private final AtomicLong recentVersion = new AtomicLong();

	private volatile RenderedTimeline timeline;

	/** Rendered HTML by target, with the content it shows. */
	private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

	/** The content last pushed to all clients, by target. */
	private final Map<String, Object> broadcast = new ConcurrentHashMap<>();

	private final ExecutorService senders;

	private volatile Set<String> knownTargets;

	private volatile ScheduledExecutorService ticker;

	private final AtomicBoolean flushQueued = new AtomicBoolean();

	@Autowired
	DashboardStream(DashboardFragments fragments, HealthMonitor monitor, HealthHistory history) {
		this(fragments, monitor::snapshot,
				() -> history.events(null, null, null, 0, TIMELINE_SIZE)
					.events()
					.stream()
					.map(TimelineEntry::of)
					.toList(),
				Executors.newFixedThreadPool(4, daemon("dashboard-push-")));
	}

	DashboardStream(Fragments fragments, Supplier<HealthSnapshot> snapshots, ExecutorService senders) {
		this(fragments, snapshots, List::of, senders);
	}

	/**
	 * @param persisted the latest persisted state changes, newest first: the timeline
	 * starts with them, so that a restart does not empty it
	 */
	DashboardStream(Fragments fragments, Supplier<HealthSnapshot> snapshots, Supplier<List<TimelineEntry>> persisted,
			ExecutorService senders) {
		this.fragments = fragments;
		this.snapshots = snapshots;
		this.persisted = persisted;
		this.senders = senders;
	}

	/** A page connects: it gets every tile as it is now, then the changes. */
	SseEmitter connect() {
		return connect(new SseEmitter(EMITTER_TIMEOUT.toMillis()));
	}

	SseEmitter connect(SseEmitter emitter) {
		Client client = new Client(emitter);
		emitter.onCompletion(() -> this.clients.remove(client));
		emitter.onTimeout(() -> {
			this.clients.remove(client);
			emitter.complete();
		});
		emitter.onError((ex) -> this.clients.remove(client));
		client.offer(currentState());
		this.clients.add(client);
		client.schedule(this.senders, this.clients);
		return emitter;
	}

	int clientCount() {
		return this.clients.size();
	}

	/**
	 * The latest state changes, newest first, for the page's first render: kept in memory
	 * (the page must not wait for the database), started from the persisted history on
	 * first use.
	 */
	List<TimelineEntry> recent() {
		if (!this.seeded) {
			seed();
		}
		synchronized (this.recent) {
			return List.copyOf(this.recent);
		}
	}

	/**
	 * One tile as the stream sends it, rendered only if it changed since it was last
	 * rendered (for the stream or a page).
	 */
	String tileHtml(String target, Object health) {
		return render(target, health).html();
	}

	/** The timeline of {@link #recent()}, rendered once per change of it. */
	String timelineHtml() {
		long version = this.recentVersion.get();
		RenderedTimeline cached = this.timeline;
		if (cached != null && cached.version() == version) {
			return cached.html();
		}
		// Read after the version: a change in between only makes the next call render
		// again.
		String html = this.fragments.timeline(recent());
		this.timeline = new RenderedTimeline(version, html);
		return html;
	}

	private void seed() {
		List<TimelineEntry> stored;
		try {
			stored = this.persisted.get();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the health history for the timeline: {}", ex.toString());
			return;
		}
		synchronized (this.recent) {
			if (this.seeded) {
				return;
			}
			List<TimelineEntry> merged = new ArrayList<>(this.recent);
			for (TimelineEntry entry : stored) {
				if (merged.stream().noneMatch((known) -> sameChange(known, entry))) {
					merged.add(entry);
				}
			}
			merged.sort(Comparator.comparing(TimelineEntry::at).reversed());
			this.recent.clear();
			merged.stream().limit(TIMELINE_SIZE).forEach(this.recent::addLast);
			this.recentVersion.incrementAndGet();
			this.seeded = true;
		}
	}

	private static boolean sameChange(TimelineEntry a, TimelineEntry b) {
		return a.kind() == b.kind() && a.id() == b.id() && a.to() == b.to()
				&& Math.abs(a.at().toEpochMilli() - b.at().toEpochMilli()) < 1000;
	}

	@EventListener
	void on(HealthStateChanged changed) {
		TimelineEntry entry = TimelineEntry.of(changed);
		synchronized (this.recent) {
			this.recent.addFirst(entry);
			while (this.recent.size() > TIMELINE_SIZE) {
				this.recent.removeLast();
			}
			this.recentVersion.incrementAndGet();
		}
		if (this.clients.isEmpty()) {
			return;
		}
		this.newEntries.add(entry);
		markDirty(changed.kind(), changed.id(), changed.clusterId());
		flushSoon();
	}

	/**
	 * A state change goes out at once instead of waiting for the next tick (round trips
	 * alone wait for it): on the ticker's thread, so flushes never overlap, and at most
	 * one is waiting however many changes arrive together.
	 */
	private void flushSoon() {
		ScheduledExecutorService scheduler = this.ticker;
		if (scheduler != null && this.flushQueued.compareAndSet(false, true)) {
			try {
				scheduler.execute(guarded(() -> {
					this.flushQueued.set(false);
					flush();
				}));
			}
			catch (RuntimeException ex) {
				this.flushQueued.set(false);
			}
		}
	}

	/**
	 * A node out of its balancers, or back: its tile and the cluster's topology redraw.
	 */
	@EventListener
	void on(dev.warren.balancer.EjectedNodes.Changed changed) {
		if (this.clients.isEmpty()) {
			return;
		}
		markDirty(TargetKind.NODE, changed.serverId(), changed.clusterId());
		flushSoon();
	}

	@EventListener
	void on(HealthSampled sampled) {
		if (this.clients.isEmpty()) {
			return;
		}
		markDirty(sampled.kind(), sampled.id(), sampled.clusterId());
		if (this.queuedSamples.incrementAndGet() <= MAX_QUEUED_SAMPLES) {
			this.samples
				.add(new Sample(key(sampled.kind(), sampled.id()), sampled.at().toEpochMilli(), sampled.roundTripMs()));
		}
		else {
			this.queuedSamples.decrementAndGet();
		}
	}

	private void markDirty(TargetKind kind, long id, Long clusterId) {
		this.dirty.add(key(kind, id));
		if (kind != TargetKind.CLUSTER) {
			this.dirty.add(key(TargetKind.CLUSTER, (clusterId != null) ? clusterId : ClusterHealth.NO_CLUSTER));
		}
	}

	/**
	 * Renders what changed since the last call and hands it to every client. Runs every
	 * {@link #COALESCE} on the ticker.
	 */
	void flush() {
		List<String> targets = new ArrayList<>(this.dirty);
		this.dirty.removeAll(targets);
		List<TimelineEntry> entries = drain(this.newEntries);
		List<Sample> points = drain(this.samples);
		this.queuedSamples.addAndGet(-points.size());
		if (this.clients.isEmpty()) {
			this.broadcast.clear();
			return;
		}
		Map<String, String> messages = new LinkedHashMap<>();
		if (!targets.isEmpty()) {
			Map<String, Object> index = index(this.snapshots.get());
			Set<String> known = this.knownTargets;
			if (known != null && !known.equals(index.keySet())) {
				messages.put(ESTATE, "changed");
			}
			this.knownTargets = Set.copyOf(index.keySet());
			for (String target : targets) {
				Object health = index.get(target);
				if (health == null) {
					continue;
				}
				Rendered fragment = render(target, health);
				if (!fragment.content().equals(this.broadcast.put(target, fragment.content()))) {
					messages.put(target, fragment.html());
				}
			}
		}
		if (!entries.isEmpty()) {
			Collections.reverse(entries);
			messages.put(TIMELINE, this.fragments.timeline(entries));
		}
		if (!points.isEmpty()) {
			messages.put(SAMPLES, samplesJson(points));
		}
		if (messages.isEmpty()) {
			return;
		}
		for (Client client : this.clients) {
			client.offer(messages);
			client.schedule(this.senders, this.clients);
		}
	}

	/**
	 * A comment to every client: keeps proxies from closing idle streams, finds dead
	 * ones.
	 */
	void heartbeat() {
		for (Client client : this.clients) {
			client.offer(Map.of(HEARTBEAT_KEY, ""));
			client.schedule(this.senders, this.clients);
		}
	}

	private Map<String, String> currentState() {
		Map<String, String> state = new LinkedHashMap<>();
		Map<String, Object> index = index(this.snapshots.get());
		if (this.knownTargets == null) {
			this.knownTargets = Set.copyOf(index.keySet());
		}
		index.forEach((target, health) -> state.put(target, render(target, health).html()));
		return state;
	}

	private Rendered render(String target, Object health) {
		Object content = content(health);
		Rendered cached = this.rendered.get(target);
		if (cached != null && cached.content().equals(content)) {
			return cached;
		}
		// One rendering per target at a time: when hundreds of pages connect at once (the
		// console restarted and every EventSource reconnects), the first renders and the
		// others take its result.
		return this.rendered.compute(target, (key, existing) -> (existing != null && existing.content().equals(content))
				? existing : new Rendered(content, html(health)));
	}

	private String html(Object health) {
		if (health instanceof NodeHealth node) {
			return this.fragments.node(node);
		}
		if (health instanceof BalancerHealth balancer) {
			return this.fragments.balancer(balancer);
		}
		return this.fragments.cluster((ClusterHealth) health);
	}

	/**
	 * What a tile shows; a new probe with the same outcome changes nothing on the page.
	 */
	private static Object content(Object health) {
		if (health instanceof NodeHealth n) {
			return Arrays.asList(n.state(), n.since(), n.roundTripMs(), n.alarms(), n.connections(), n.detail(),
					n.nodeName());
		}
		if (health instanceof BalancerHealth b) {
			return Arrays.asList(b.state(), b.since(), b.roundTripMs(), b.detail(), b.address());
		}
		ClusterHealth c = (ClusterHealth) health;
		return Arrays.asList(c.status(), c.summary(), c.state());
	}

	/** Every live target of the snapshot by its key ({@code node-12}, …). */
	static Map<String, Object> index(HealthSnapshot snapshot) {
		Map<String, Object> index = new LinkedHashMap<>();
		for (ClusterHealth cluster : snapshot.clusters()) {
			index.put(key(TargetKind.CLUSTER, cluster.id()), cluster);
			cluster.nodes().forEach((node) -> index.put(key(TargetKind.NODE, node.serverId()), node));
			cluster.balancers().forEach((balancer) -> index.put(key(TargetKind.BALANCER, balancer.id()), balancer));
		}
		return index;
	}

	static String key(TargetKind kind, long id) {
		return switch (kind) {
			case NODE -> "node-" + id;
			case BALANCER -> "balancer-" + id;
			case CLUSTER -> "cluster-" + id;
		};
	}

	/** {@code {"node-12": [[epochMillis, roundTripMs or null], …], …}}, oldest first. */
	static String samplesJson(List<Sample> points) {
		Map<String, List<Sample>> byTarget = new LinkedHashMap<>();
		points.forEach((point) -> byTarget.computeIfAbsent(point.target(), (t) -> new ArrayList<>()).add(point));
		StringBuilder json = new StringBuilder("{");
		byTarget.forEach((target, list) -> {
			if (json.length() > 1) {
				json.append(',');
			}
			json.append('"').append(target).append("\":[");
			for (int i = 0; i < list.size(); i++) {
				Sample point = list.get(i);
				json.append((i > 0) ? ",[" : "[")
					.append(point.at())
					.append(',')
					.append(point.roundTripMs())
					.append(']');
			}
			json.append(']');
		});
		return json.append('}').toString();
	}

	private static <T> List<T> drain(ConcurrentLinkedQueue<T> queue) {
		List<T> drained = new ArrayList<>();
		for (T item = queue.poll(); item != null; item = queue.poll()) {
			drained.add(item);
		}
		return drained;
	}

	@Override
	public void start() {
		start(COALESCE);
	}

	void start(Duration tick) {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("dashboard-tick-"));
		scheduler.scheduleWithFixedDelay(guarded(this::flush), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
		scheduler.scheduleWithFixedDelay(guarded(this::heartbeat), HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
				TimeUnit.MILLISECONDS);
		this.ticker = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.ticker;
		this.ticker = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		for (Client client : this.clients) {
			client.close();
		}
		this.clients.clear();
	}

	@PreDestroy
	void close() {
		stop();
		this.senders.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

	private static Runnable guarded(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("Dashboard push failed: {}", ex.toString(), ex);
			}
		};
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	record Sample(String target, long at, Long roundTripMs) {

	}

	private record Rendered(Object content, String html) {

	}

	private record RenderedTimeline(long version, String html) {

	}

	/**
	 * One connected page: what is still to be sent to it, newest fragment per target.
	 */
	static final class Client {

		private final SseEmitter emitter;

		private final Map<String, String> pending = new LinkedHashMap<>();

		private final AtomicBoolean draining = new AtomicBoolean();

		private volatile boolean closed;

		Client(SseEmitter emitter) {
			this.emitter = emitter;
		}

		void offer(Map<String, String> messages) {
			synchronized (this.pending) {
				messages.forEach((name, data) -> {
					String unsent = this.pending.remove(name);
					if (TIMELINE.equals(name) && unsent != null) {
						// Timeline lines add up; everything else is replaced by its newer
						// version.
						data = data + "\n" + unsent;
					}
					this.pending.put(name, data);
				});
			}
		}

		int pending() {
			synchronized (this.pending) {
				return this.pending.size();
			}
		}

		void schedule(ExecutorService executor, Set<Client> registry) {
			if (!this.closed && this.draining.compareAndSet(false, true)) {
				try {
					executor.execute(() -> drain(registry));
				}
				catch (RuntimeException ex) {
					this.draining.set(false);
				}
			}
		}

		private void drain(Set<Client> registry) {
			while (true) {
				Map<String, String> batch;
				synchronized (this.pending) {
					if (this.pending.isEmpty() || this.closed) {
						this.draining.set(false);
						return;
					}
					batch = new LinkedHashMap<>(this.pending);
					this.pending.clear();
				}
				try {
					for (Map.Entry<String, String> message : batch.entrySet()) {
						if (HEARTBEAT_KEY.equals(message.getKey())) {
							this.emitter.send(SseEmitter.event().comment("heartbeat"));
						}
						else {
							this.emitter.send(SseEmitter.event().name(message.getKey()).data(message.getValue()));
						}
					}
				}
				catch (IOException | IllegalStateException ex) {
					registry.remove(this);
					close();
					synchronized (this.pending) {
						this.pending.clear();
						this.draining.set(false);
					}
					return;
				}
			}
		}

		void close() {
			this.closed = true;
			try {
				this.emitter.complete();
			}
			catch (RuntimeException ex) {
				// already gone
			}
		}

	}

}
