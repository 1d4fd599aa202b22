package dev.warren.health;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tiles are rendered for many stream clients at once: renderings that run at the same
 * time give the same HTML as one alone (a shared evaluation context once made some of
 * them fail, and 9 of 200 clients connecting together got a 500).
 */
@WarrenTest
class DashboardFragmentsTests {

	@Autowired
	DashboardFragments fragments;

	@Test
	void renderingsAtTheSameTimeGiveTheSameTiles() throws Exception {
		NodeHealth node = HealthFixtures.node(HealthFixtures.ALARMED, "rabbit@a", HealthState.DEGRADED, 4L,
				List.of("memory alarm"), 7, "alarm");
		String alone = this.fragments.node(node);
		assertThat(alone).contains("DEGRADED", "data-relative");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> renderings = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				renderings.add(() -> this.fragments.node(node));
			}
			for (Future<String> rendered : pool.invokeAll(renderings)) {
				assertThat(rendered.get()).isEqualTo(alone);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
