package dev.warren.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes the history: every state change as a {@code health_event} row, and probe results
 * added up per target and time bucket into {@code health_sample} rows when the bucket is
 * over. Rows older than {@code warren.health.retention} are purged every hour. All writes
 * happen on one thread of their own, never on a probe's.
 */
@Component
class HealthRecorder implements SmartLifecycle {

	static final Duration FLUSH_EVERY = Duration.ofSeconds(10);

	static final Duration PURGE_EVERY = Duration.ofHours(1);

	private static final Logger log = LoggerFactory.getLogger(HealthRecorder.class);

	private final JdbcClient jdbc;

	private final HealthProperties properties;

	private final Clock clock;

	private final Map<BucketKey, Bucket> buckets = new HashMap<>();

	private volatile ScheduledExecutorService writer;

	private volatile boolean running;

	HealthRecorder(JdbcClient jdbc, HealthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	void stateChanged(HealthStateChanged event) {
		ScheduledExecutorService current = this.writer;
		if (this.running && current != null) {
			current.execute(() -> insert(event));
		}
		else {
			insert(event);
		}
	}

	@EventListener
	void sampled(HealthSampled sample) {
		Instant start = bucketStart(sample.at());
		synchronized (this.buckets) {
			this.buckets.computeIfAbsent(new BucketKey(sample.kind(), sample.id(), start), (key) -> new Bucket())
				.add(sample);
		}
	}

	void insert(HealthStateChanged event) {
		try {
			this.jdbc.sql("""
					INSERT INTO health_event (target_kind, target_id, target_name, cluster_id, from_state, to_state,
					                          occurred_at, detail)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(event.kind().name(), event.id(), truncate(event.name(), 255), event.clusterId(),
						event.from().name(), event.to().name(), utc(event.at()), truncate(event.detail(), 2000))
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not record health event {}: {}", event, ex.toString());
		}
	}

	/** Writes the buckets that are over (all of them when {@code all}). */
	void flush(boolean all) {
		Instant current = bucketStart(this.clock.instant());
		Map<BucketKey, Bucket> due = new HashMap<>();
		synchronized (this.buckets) {
			this.buckets.entrySet().removeIf((entry) -> {
				if (all || entry.getKey().start().isBefore(current)) {
					due.put(entry.getKey(), entry.getValue());
					return true;
				}
				return false;
			});
		}
		due.forEach(this::write);
	}

	private void write(BucketKey key, Bucket bucket) {
		try {
			List<HealthSampleView> existing = this.jdbc.sql("""
					SELECT target_kind, target_id, bucket_start, sample_count, failures, min_round_trip_ms,
					       avg_round_trip_ms, max_round_trip_ms
					FROM health_sample WHERE target_kind = ? AND target_id = ? AND bucket_start = ?""")
				.params(key.kind().name(), key.id(), utc(key.start()))
				.query(HealthHistory::sample)
				.list();
			HealthSampleView merged = existing.isEmpty() ? bucket.view(key) : bucket.mergedInto(existing.get(0));
			if (existing.isEmpty()) {
				this.jdbc.sql("""
						INSERT INTO health_sample (target_kind, target_id, bucket_start, sample_count, failures,
						                           min_round_trip_ms, avg_round_trip_ms, max_round_trip_ms)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(key.kind().name(), key.id(), utc(key.start()), merged.count(), merged.failures(),
							merged.minRoundTripMs(), merged.avgRoundTripMs(), merged.maxRoundTripMs())
					.update();
			}
			else {
				this.jdbc.sql("""
						UPDATE health_sample SET sample_count = ?, failures = ?, min_round_trip_ms = ?,
						       avg_round_trip_ms = ?, max_round_trip_ms = ?
						WHERE target_kind = ? AND target_id = ? AND bucket_start = ?""")
					.params(merged.count(), merged.failures(), merged.minRoundTripMs(), merged.avgRoundTripMs(),
							merged.maxRoundTripMs(), key.kind().name(), key.id(), utc(key.start()))
					.update();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not record health samples of {} {}: {}", key.kind(), key.id(), ex.toString());
		}
	}

	/**
	 * Deletes events and samples older than the retention; returns how many rows went.
	 */
	int purge() {
		OffsetDateTime cutoff = utc(this.clock.instant().minus(this.properties.retention()));
		int events = this.jdbc.sql("DELETE FROM health_event WHERE occurred_at < ?").param(cutoff).update();
		int samples = this.jdbc.sql("DELETE FROM health_sample WHERE bucket_start < ?").param(cutoff).update();
		if (events + samples > 0) {
			log.info("Purged {} health events and {} sample buckets older than {}", events, samples, cutoff);
		}
		return events + samples;
	}

	/** Buckets not written yet, for queries that want the last minutes too. */
	List<HealthSampleView> pending(TargetKind kind, long id) {
		List<HealthSampleView> views = new ArrayList<>();
		synchronized (this.buckets) {
			this.buckets.forEach((key, bucket) -> {
				if (key.kind() == kind && key.id() == id) {
					views.add(bucket.view(key));
				}
			});
		}
		return views;
	}

	private Instant bucketStart(Instant at) {
		long resolution = Math.max(1, this.properties.sampleResolution().toMillis());
		return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), resolution) * resolution);
	}

	static OffsetDateTime utc(Instant at) {
		return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max - 1) + "…";
	}

	@Override
	public void start() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "health-history");
			thread.setDaemon(true);
			return thread;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.writer = executor;
		this.running = true;
		this.writer.scheduleWithFixedDelay(() -> flush(false), FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(),
				TimeUnit.MILLISECONDS);
		this.writer.scheduleWithFixedDelay(this::purgeQuietly, 1, PURGE_EVERY.toMinutes(), TimeUnit.MINUTES);
	}

	private void purgeQuietly() {
		try {
			purge();
		}
		catch (RuntimeException ex) {
			log.warn("Could not purge health history: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.writer.submit(() -> flush(true)).get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.warn("Could not write the last health samples: {}", ex.toString());
		}
		this.writer.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the monitor (which stops first, being a later phase). */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	private record BucketKey(TargetKind kind, long id, Instant start) {

	}

	private static final class Bucket {

		int count;

		int failures;

		Long min;

		Long max;

		long sum;

		int answered;

		void add(HealthSampled sample) {
			this.count++;
			if (sample.roundTripMs() == null || !sample.state().answers()) {
				this.failures++;
				return;
			}
			long ms = sample.roundTripMs();
			this.answered++;
			this.sum += ms;
			this.min = (this.min == null) ? ms : Math.min(this.min, ms);
			this.max = (this.max == null) ? ms : Math.max(this.max, ms);
		}

		HealthSampleView view(BucketKey key) {
			return new HealthSampleView(key.kind(), key.id(), key.start(), this.count, this.failures, this.min,
					(this.answered > 0) ? Math.round((double) this.sum / this.answered) : null, this.max);
		}

		HealthSampleView mergedInto(HealthSampleView stored) {
			int storedAnswered = stored.count() - stored.failures();
			int answered = storedAnswered + this.answered;
			long sum = this.sum + ((stored.avgRoundTripMs() != null) ? stored.avgRoundTripMs() * storedAnswered : 0);
			return new HealthSampleView(stored.kind(), stored.targetId(), stored.bucketStart(),
					stored.count() + this.count, stored.failures() + this.failures,
					least(stored.minRoundTripMs(), this.min),
					(answered > 0) ? Math.round((double) sum / answered) : null,
					greatest(stored.maxRoundTripMs(), this.max));
		}

		private static Long least(Long a, Long b) {
			return (a == null) ? b : (b == null) ? a : Math.min(a, b);
		}

		private static Long greatest(Long a, Long b) {
			return (a == null) ? b : (b == null) ? a : Math.max(a, b);
		}

	}

}
