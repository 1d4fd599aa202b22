package dev.warren.health;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import dev.warren.support.Lab;
import dev.warren.support.PostgresSchemas;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health history tables (V7) and their queries on the lab's real PostgreSQL.
 */
@LabTest
@WarrenTest
class PostgresHealthHistoryTests {

	static String schema;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		Lab.find().ifPresent((lab) -> schema = PostgresSchemas.use(registry, lab));
	}

	@AfterAll
	static void dropSchema() {
		if (schema != null) {
			Lab.find().ifPresent((lab) -> PostgresSchemas.drop(lab, schema));
		}
	}

	@Autowired
	HealthRecorder recorder;

	@Autowired
	HealthHistory history;

	@Autowired
	Clock clock;

	@Test
	void writesReadsAndPurgesTheHistoryOnPostgresql() {
		long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		this.recorder.insert(new HealthStateChanged(TargetKind.NODE, id, "rabbit@pg", id, HealthState.UP,
				HealthState.DOWN, now.minusSeconds(5), "refused"));
		this.recorder.insert(new HealthStateChanged(TargetKind.NODE, id, "rabbit@pg", id, HealthState.DOWN,
				HealthState.UP, now.minus(30, ChronoUnit.DAYS), "long ago"));
		this.recorder.sampled(new HealthSampled(TargetKind.NODE, id, "rabbit@pg", id, HealthState.UP, 4L,
				now.minusSeconds(300), "ok"));
		this.recorder.flush(true);

		HealthEventPage page = this.history.events(id, TargetKind.NODE, id, 0, 10);
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.events().get(0).at()).isEqualTo(now.minusSeconds(5));
		assertThat(this.history.samples(TargetKind.NODE, id, now.minusSeconds(3600), now)).singleElement()
			.extracting(HealthSampleView::avgRoundTripMs)
			.isEqualTo(4L);

		assertThat(this.recorder.purge()).isPositive();
		assertThat(this.history.events(id, TargetKind.NODE, id, 0, 10).events()).singleElement()
			.extracting(HealthEventView::detail)
			.isEqualTo("refused");
	}

}
