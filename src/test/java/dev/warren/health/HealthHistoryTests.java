package dev.warren.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warren.support.Accounts;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * State changes and samples written to the database, read back newest first or per
 * bucket, and purged after the retention.
 */
@WarrenTest
class HealthHistoryTests {

	@Autowired
	HealthRecorder recorder;

	@Autowired
	HealthHistory history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	HealthProperties properties;

	@Autowired
	MockMvcTester mvc;

	@BeforeEach
	void empty() {
		this.jdbc.sql("DELETE FROM health_event").update();
		this.jdbc.sql("DELETE FROM health_sample").update();
	}

	@Test
	void eventsComeBackNewestFirstPagedAndFilteredByClusterOrTarget() {
		Instant t0 = this.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60);
		this.recorder.insert(changed(TargetKind.NODE, 11, 1L, HealthState.UNKNOWN, HealthState.UP, t0));
		this.recorder.insert(changed(TargetKind.NODE, 11, 1L, HealthState.UP, HealthState.DOWN, t0.plusSeconds(10)));
		this.recorder
			.insert(changed(TargetKind.CLUSTER, 1, 1L, HealthState.UP, HealthState.DEGRADED, t0.plusSeconds(10)));
		this.recorder
			.insert(changed(TargetKind.NODE, 22, 2L, HealthState.UP, HealthState.NOT_RESPONDING, t0.plusSeconds(20)));

		HealthEventPage cluster = this.history.events(1L, null, null, 0, 2);
		assertThat(cluster.total()).isEqualTo(3);
		assertThat(cluster.totalPages()).isEqualTo(2);
		assertThat(cluster.events()).extracting(HealthEventView::kind)
			.containsExactly(TargetKind.CLUSTER, TargetKind.NODE);
		assertThat(this.history.events(1L, null, null, 1, 2).events()).singleElement()
			.extracting(HealthEventView::to)
			.isEqualTo(HealthState.UP);
		HealthEventPage node = this.history.events(null, TargetKind.NODE, 22L, 0, 50);
		assertThat(node.events()).singleElement().satisfies((event) -> {
			assertThat(event.from()).isEqualTo(HealthState.UP);
			assertThat(event.to()).isEqualTo(HealthState.NOT_RESPONDING);
			assertThat(event.clusterId()).isEqualTo(2L);
			assertThat(event.at()).isEqualTo(t0.plusSeconds(20));
			assertThat(event.detail()).isEqualTo("detail of node 22");
		});
	}

	@Test
	void samplesAreAddedUpPerBucketWithFailuresAndMinAvgMax() {
		Instant bucket = Instant.parse("2026-11-20T10:15:00Z");
		sample(TargetKind.NODE, 7, HealthState.UP, 2L, bucket.plusSeconds(1));
		sample(TargetKind.NODE, 7, HealthState.UP, 6L, bucket.plusSeconds(2));
		sample(TargetKind.NODE, 7, HealthState.DOWN, null, bucket.plusSeconds(3));
		sample(TargetKind.NODE, 7, HealthState.UP, 4L, bucket.plusSeconds(61));
		sample(TargetKind.BALANCER, 7, HealthState.UP, 100L, bucket.plusSeconds(1));
		this.recorder.flush(true);
		// A second flush of the same bucket (after a restart, say) adds to it.
		sample(TargetKind.NODE, 7, HealthState.UP, 8L, bucket.plusSeconds(4));
		this.recorder.flush(true);

		List<HealthSampleView> samples = this.history.samples(TargetKind.NODE, 7, bucket, bucket.plusSeconds(3600));
		assertThat(samples).hasSize(2);
		HealthSampleView first = samples.get(0);
		assertThat(first.bucketStart()).isEqualTo(bucket);
		assertThat(first.count()).isEqualTo(4);
		assertThat(first.failures()).isEqualTo(1);
		assertThat(first.minRoundTripMs()).isEqualTo(2);
		assertThat(first.avgRoundTripMs()).isEqualTo(5);
		assertThat(first.maxRoundTripMs()).isEqualTo(8);
		assertThat(samples.get(1).bucketStart()).isEqualTo(bucket.plusSeconds(60));
		assertThat(this.history.samples(TargetKind.BALANCER, 7, bucket, bucket.plusSeconds(60)))
			.extracting(HealthSampleView::avgRoundTripMs)
			.containsExactly(100L);
	}

	@Test
	void theBucketStillFillingIsIncluded() {
		Instant now = this.clock.instant();
		sample(TargetKind.BALANCER, 99, HealthState.UP, 3L, now);
		List<HealthSampleView> samples = this.history.samples(TargetKind.BALANCER, 99, now.minusSeconds(120),
				now.plusSeconds(120));
		assertThat(samples).singleElement().extracting(HealthSampleView::count).isEqualTo(1);
	}

	@Test
	void purgesEventsAndSamplesOlderThanTheRetention() {
		Instant now = this.clock.instant();
		Instant old = now.minus(this.properties.retention()).minus(Duration.ofMinutes(5));
		this.recorder.insert(changed(TargetKind.NODE, 5, 1L, HealthState.UP, HealthState.DOWN, old));
		this.recorder.insert(changed(TargetKind.NODE, 5, 1L, HealthState.DOWN, HealthState.UP, now.minusSeconds(5)));
		sample(TargetKind.NODE, 5, HealthState.UP, 1L, old);
		sample(TargetKind.NODE, 5, HealthState.UP, 1L, now.minus(Duration.ofHours(1)));
		this.recorder.flush(true);

		assertThat(this.recorder.purge()).isEqualTo(2);

		assertThat(this.history.events(null, TargetKind.NODE, 5L, 0, 50).events()).singleElement()
			.extracting(HealthEventView::to)
			.isEqualTo(HealthState.UP);
		assertThat(this.history.samples(TargetKind.NODE, 5, old.minusSeconds(3600), now)).hasSize(1);
	}

	@Test
	void historyApiAnswersEventsAndSamplesAndNamesBadParameters() {
		Instant t0 = this.clock.instant().minusSeconds(30);
		this.recorder.insert(changed(TargetKind.NODE, 31, 3L, HealthState.UP, HealthState.DOWN, t0));
		assertThat(this.mvc.get().uri("/api/v1/health/history/events?clusterId=3").with(Accounts.asViewer()))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.events[0].to")
			.isEqualTo("DOWN");
		assertThat(this.mvc.get().uri("/api/v1/health/history/samples?kind=NODE&targetId=31").with(Accounts.asViewer()))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$")
			.asArray()
			.isEmpty();
		assertThat(this.mvc.get().uri("/api/v1/health/history/events?size=1000").with(Accounts.asViewer()))
			.hasStatus(400)
			.bodyText()
			.contains("size");
		assertThat(this.mvc.get()
			.uri("/api/v1/health/history/samples?kind=SOMETHING&targetId=1")
			.with(Accounts.asViewer())).hasStatus(400).bodyText().contains("kind");
		assertThat(this.mvc.get()
			.uri("/api/v1/health/history/samples?kind=NODE&targetId=1&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
			.with(Accounts.asViewer())).hasStatus(400).bodyText().contains("from");
	}

	void sample(TargetKind kind, long id, HealthState state, Long roundTripMs, Instant at) {
		this.recorder.sampled(new HealthSampled(kind, id, kind + "-" + id, 1L, state, roundTripMs, at, "sample"));
	}

	static HealthStateChanged changed(TargetKind kind, long id, Long clusterId, HealthState from, HealthState to,
			Instant at) {
		return new HealthStateChanged(kind, id, kind.name().toLowerCase() + "-" + id, clusterId, from, to, at,
				"detail of " + kind.name().toLowerCase() + " " + id);
	}

}
