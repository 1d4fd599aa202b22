package dev.warren.drill;

import java.util.List;

import dev.warren.drill.ProbeTimeline.BalancerTimes;
import dev.warren.drill.ProbeTimeline.Probe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTimelineTests {

	private static final String HARE = "hare@vm";

	@Test
	void measuresFromStopAppToTheFirstConnectionAfterTheLastOneOnTheNode() {
		List<Probe> probes = List.of(new Probe(800, HARE, null), new Probe(1000, "rabbit@vm", null),
				new Probe(1200, HARE, null), new Probe(1400, "bunny@vm", null), new Probe(1600, "rabbit@vm", null),
				new Probe(9000, HARE, null));
		BalancerTimes times = ProbeTimeline.measure(probes, HARE, 1100, 5000, 6000);
		assertThat(times.lastOnVictim()).isEqualTo(1200);
		assertThat(times.stoppedUsingAfter()).isEqualTo(300);
		assertThat(times.firstBack()).isEqualTo(9000);
		assertThat(times.backAfter()).isEqualTo(3000);
		assertThat(times.perNode()).containsEntry(HARE, 3).containsEntry("rabbit@vm", 2).containsEntry("bunny@vm", 1);
	}

	@Test
	void noConnectionOnTheNodeAfterStopAppMeansItStoppedAtOnce() {
		List<Probe> probes = List.of(new Probe(800, HARE, null), new Probe(1200, "rabbit@vm", null));
		assertThat(ProbeTimeline.measure(probes, HARE, 1000, 5000, 6000).stoppedUsingAfter()).isZero();
	}

	@Test
	void aNodeThatNeverCameBackHasNoBackTime() {
		List<Probe> probes = List.of(new Probe(800, HARE, null), new Probe(7000, "rabbit@vm", null));
		BalancerTimes times = ProbeTimeline.measure(probes, HARE, 1000, 5000, 6000);
		assertThat(times.firstBack()).isNull();
		assertThat(times.backAfter()).isNull();
	}

	@Test
	void countsFailedConnectionsAndThoseWhileTheNodeWasStopped() {
		List<Probe> probes = List.of(new Probe(500, null, "refused"), new Probe(1500, null, "refused"),
				new Probe(2000, null, null), new Probe(7000, HARE, null));
		BalancerTimes times = ProbeTimeline.measure(probes, HARE, 1000, 5000, 6000);
		assertThat(times.failed()).isEqualTo(2);
		assertThat(times.failedWhileStopped()).isEqualTo(1);
		assertThat(times.unresolved()).isEqualTo(1);
		assertThat(times.probes()).isEqualTo(4);
	}

	@Test
	void aBalancerThatKeptSendingConnectionsToTheStoppedNodeNeverStoppedUsingIt() {
		List<Probe> probes = List.of(new Probe(1200, HARE, null), new Probe(4800, HARE, null));
		assertThat(ProbeTimeline.measure(probes, HARE, 1000, 5000, 6000).stoppedUsingAfter()).isNull();
	}

}
