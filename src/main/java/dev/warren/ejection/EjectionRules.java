package dev.warren.ejection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warren.health.HealthState;

/**
 * The safety rules of ejection, without a database, clock or balancer: whether a member
 * should be taken out of its cluster's balancers now, or put back.
 */
final class EjectionRules {

	private EjectionRules() {
	}

	/**
	 * One member of the cluster as the rules see it.
	 *
	 * @param state its health now
	 * @param upSince since when it has been UP, if it is
	 * @param ejected whether it is out of the balancers
	 * @param changedAt when it last went out or came back in, if ever
	 */
	record Member(long serverId, String name, HealthState state, Instant upSince, boolean ejected, Instant changedAt) {

	}

	/** What to do with one member: nothing, take it out or put it back, and why. */
	record Decision(Action action, String reason) {

		static final Decision NONE = new Decision(Action.NONE, "");

		static Decision held(String reason) {
			return new Decision(Action.HELD, reason);
		}

	}

	enum Action {

		NONE,

		/** Take the member out of every balancer of the cluster. */
		EJECT,

		/** Put it back. */
		RETURN,

		/**
		 * It would be taken out, but a safety rule keeps it in for now (the reason says
		 * which).
		 */
		HELD

	}

	static Decision decide(EjectionSettings policy, Member member, List<Member> cluster, Instant now) {
		if (!policy.enabled()) {
			return member.ejected() ? new Decision(Action.RETURN, "ejection was turned off") : Decision.NONE;
		}
		Duration sinceChange = (member.changedAt() != null) ? Duration.between(member.changedAt(), now) : null;
		boolean damped = sinceChange != null && sinceChange.toSeconds() < policy.minChangeSeconds();
		if (!member.ejected() && policy.states().contains(member.state())) {
			long healthyOthers = cluster.stream()
				.filter((other) -> other.serverId() != member.serverId())
				.filter((other) -> !other.ejected() && other.state().answers())
				.count();
			if (healthyOthers < policy.minHealthy()) {
				return Decision.held(member.name() + " is " + member.state() + " but stays in the balancers: taking it "
						+ "out would leave " + healthyOthers + " healthy node" + ((healthyOthers == 1) ? "" : "s")
						+ " in, fewer than the policy's minimum of " + policy.minHealthy());
			}
			if (damped) {
				return Decision.held(member.name() + " is " + member.state() + "; it changed " + sinceChange.toSeconds()
						+ " s ago, and the policy allows one change per " + policy.minChangeSeconds() + " s");
			}
			return new Decision(Action.EJECT, member.name() + " is " + member.state());
		}
		if (member.ejected() && member.state() == HealthState.UP && member.upSince() != null) {
			long up = Duration.between(member.upSince(), now).toSeconds();
			if (up >= policy.holdDownSeconds() && !damped) {
				return new Decision(Action.RETURN, member.name() + " has been UP for " + up + " s");
			}
		}
		return Decision.NONE;
	}

}
