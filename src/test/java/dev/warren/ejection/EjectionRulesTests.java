package dev.warren.ejection;

import java.time.Instant;
import java.util.List;

import dev.warren.ejection.EjectionRules.Action;
import dev.warren.ejection.EjectionRules.Member;
import dev.warren.health.HealthState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EjectionRulesTests {

	static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

	static final EjectionSettings ON = new EjectionSettings(true, "NOT_RESPONDING,DOWN", 1, 10, 30);

	@Test
	void takesOutAFrozenNodeWhileAnotherStaysHealthy() {
		Member frozen = member(2, HealthState.NOT_RESPONDING, false, null);
		var decision = EjectionRules.decide(ON, frozen,
				List.of(member(1, HealthState.UP, false, null), frozen, member(3, HealthState.UP, false, null)), NOW);
		assertThat(decision.action()).isEqualTo(Action.EJECT);
		assertThat(decision.reason()).isEqualTo("node-2 is NOT_RESPONDING");
	}

	@Test
	void neverTakesOutTheLastHealthyNodeAndSaysWhy() {
		Member down = member(2, HealthState.DOWN, false, null);
		List<Member> cluster = List.of(member(1, HealthState.UP, true, NOW.minusSeconds(300)), down,
				member(3, HealthState.NOT_RESPONDING, false, null));
		var decision = EjectionRules.decide(ON, down, cluster, NOW);
		assertThat(decision.action()).isEqualTo(Action.HELD);
		assertThat(decision.reason()).contains("would leave 0 healthy nodes in", "minimum of 1");

		var two = new EjectionSettings(true, "DOWN", 2, 10, 30);
		List<Member> three = List.of(member(1, HealthState.UP, false, null), down,
				member(3, HealthState.UP, false, null));
		assertThat(EjectionRules.decide(two, down, three, NOW).action()).isEqualTo(Action.EJECT);
		List<Member> oneLeft = List.of(member(1, HealthState.UP, false, null), down,
				member(3, HealthState.DEGRADED, true, NOW.minusSeconds(300)));
		assertThat(EjectionRules.decide(two, down, oneLeft, NOW).action()).isEqualTo(Action.HELD);
	}

	@Test
	void ignoresStatesThePolicyDoesNotList() {
		Member degraded = member(2, HealthState.DEGRADED, false, null);
		assertThat(EjectionRules.decide(ON, degraded, List.of(member(1, HealthState.UP, false, null), degraded), NOW)
			.action()).isEqualTo(Action.NONE);
		var off = new EjectionSettings(false, "NOT_RESPONDING,DOWN", 1, 10, 30);
		Member frozen = member(2, HealthState.NOT_RESPONDING, false, null);
		assertThat(EjectionRules.decide(off, frozen, List.of(member(1, HealthState.UP, false, null), frozen), NOW)
			.action()).isEqualTo(Action.NONE);
	}

	@Test
	void putsANodeBackOnlyAfterTheHoldDown() {
		Member back = new Member(2, "node-2", HealthState.UP, NOW.minusSeconds(9), true, NOW.minusSeconds(60));
		List<Member> cluster = List.of(member(1, HealthState.UP, false, null), back);
		assertThat(EjectionRules.decide(ON, back, cluster, NOW).action()).isEqualTo(Action.NONE);
		Member longer = new Member(2, "node-2", HealthState.UP, NOW.minusSeconds(10), true, NOW.minusSeconds(60));
		var decision = EjectionRules.decide(ON, longer, List.of(member(1, HealthState.UP, false, null), longer), NOW);
		assertThat(decision.action()).isEqualTo(Action.RETURN);
		assertThat(decision.reason()).isEqualTo("node-2 has been UP for 10 s");
		Member degraded = new Member(2, "node-2", HealthState.DEGRADED, NOW.minusSeconds(60), true,
				NOW.minusSeconds(60));
		assertThat(EjectionRules.decide(ON, degraded, List.of(degraded), NOW).action()).isEqualTo(Action.NONE);
	}

	@Test
	void dampsAFlappingNode() {
		Member flapping = member(2, HealthState.DOWN, false, NOW.minusSeconds(12));
		var decision = EjectionRules.decide(ON, flapping, List.of(member(1, HealthState.UP, false, null), flapping),
				NOW);
		assertThat(decision.action()).isEqualTo(Action.HELD);
		assertThat(decision.reason()).contains("changed 12 s ago", "one change per 30 s");
		Member returning = new Member(2, "node-2", HealthState.UP, NOW.minusSeconds(15), true, NOW.minusSeconds(20));
		assertThat(EjectionRules.decide(ON, returning, List.of(returning), NOW).action()).isEqualTo(Action.NONE);
	}

	@Test
	void putsEveryNodeBackWhenEjectionIsTurnedOff() {
		var off = new EjectionSettings(false, "DOWN", 1, 10, 30);
		Member out = new Member(2, "node-2", HealthState.DOWN, null, true, NOW.minusSeconds(1));
		assertThat(EjectionRules.decide(off, out, List.of(out), NOW).action()).isEqualTo(Action.RETURN);
	}

	private static Member member(long id, HealthState state, boolean ejected, Instant changedAt) {
		return new Member(id, "node-" + id, state, (state == HealthState.UP) ? NOW.minusSeconds(600) : null, ejected,
				changedAt);
	}

}
