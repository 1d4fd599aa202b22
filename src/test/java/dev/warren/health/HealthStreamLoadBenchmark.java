package dev.warren.health;

import java.io.IOException;
import java.time.Duration;

import dev.warren.support.BenchFigures;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.Tag;

/**
 * {@link HealthStreamLoadLabTests} for the five minutes its issue asks for: 200 clients
 * of {@code /api/v1/health/events} while a lab node goes down and up again and again,
 * with the same assertions (every client gets every change, in order; none disconnected;
 * heap growth under 64 MB). Run with {@code bench/run HealthStreamLoadBenchmark}; writes
 * {@code target/bench/sse-load.figures.tsv}.
 */
@Tag("bench")
@LabTest
class HealthStreamLoadBenchmark extends HealthStreamLoadLabTests {

	@Override
	Duration window() {
		return Duration.ofSeconds(Long.getLong("warren.load.seconds", 300));
	}

	@Override
	void measured(Figures figures) throws IOException {
		new BenchFigures("sse-load")
			.figure(CLIENTS + " clients of /api/v1/health/events for " + figures.seconds() + " s, a node down and up "
					+ figures.cycles() + " times", figures.eventsEach() + " events to each, in order, none dropped")
			.figure("heap after GC, before and after", figures.heapStartMb() + " → " + figures.heapEndMb() + " MB",
					"< 64 MB growth", figures.heapEndMb() - figures.heapStartMb() < 64)
			.write();
	}

}
