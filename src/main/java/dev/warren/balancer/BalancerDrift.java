package dev.warren.balancer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import dev.warren.shared.ConflictException;

import org.springframework.stereotype.Service;

/**
 * Whether the file on a balancer's host is still the one Warren last pushed there
 * (someone may have edited it by hand), and whether that one still matches the cluster.
 */
@Service
public class BalancerDrift {

	private final Balancers balancers;

	private final BalancerConfigs configs;

	private final BalancerRevisions revisions;

	private final RemoteShells shells;

	BalancerDrift(Balancers balancers, BalancerConfigs configs, BalancerRevisions revisions, RemoteShells shells) {
		this.balancers = balancers;
		this.configs = configs;
		this.revisions = revisions;
		this.shells = shells;
	}

	/** Reads the file on the host (over SSH) only when Warren has pushed one. */
	public DriftReport check(long balancerId, String actor) {
		BalancerView balancer = this.balancers.get(balancerId);
		Optional<BalancerRevisionView> last = this.revisions.lastSucceeded(balancerId);
		if (last.isEmpty()) {
			return new DriftReport(DriftReport.State.NEVER_DEPLOYED, null, null, false,
					"Warren has not pushed this balancer's config yet.");
		}
		BalancerRevisionView revision = last.get();
		boolean outOfDate = outOfDate(balancer, revision);
		String onHost;
		try (RemoteSession session = this.shells.open(balancer.hostServerId(), actor)) {
			onHost = new String(session.download(balancer.configPath()), StandardCharsets.UTF_8);
		}
		catch (RemoteException ex) {
			return new DriftReport(DriftReport.State.UNREADABLE, revision, null, outOfDate, "Could not read "
					+ balancer.configPath() + " on " + balancer.hostServerName() + ": " + ex.getMessage());
		}
		if (RenderedConfig.bodyOf(onHost).equals(RenderedConfig.bodyOf(revision.content()))) {
			return new DriftReport(DriftReport.State.IN_STEP, revision, null, outOfDate,
					balancer.configPath() + " on " + balancer.hostServerName() + " is the config Warren pushed.");
		}
		String diff = ConfigDiff.unified("revision " + revision.id() + " (pushed by Warren)", revision.content(),
				balancer.configPath() + " on " + balancer.hostServerName(), onHost);
		return new DriftReport(DriftReport.State.CHANGED_OUTSIDE, revision, diff, outOfDate,
				balancer.configPath() + " on " + balancer.hostServerName() + " was changed outside Warren.");
	}

	private boolean outOfDate(BalancerView balancer, BalancerRevisionView revision) {
		try {
			return !this.configs.render(balancer).sameBodyAs(revision.content());
		}
		catch (ConflictException ex) {
			return true;
		}
	}

	/**
	 * @param revision the last revision that went live, if any (without its content in
	 * the API)
	 * @param diff from that revision to the file on the host, when they differ
	 * @param outOfDate the balancer's definition or its cluster's members changed since
	 * that revision: a push would change the file
	 */
	public record DriftReport(State state, BalancerRevisionView revision, String diff, boolean outOfDate,
			String detail) {

		public enum State {

			NEVER_DEPLOYED, IN_STEP, CHANGED_OUTSIDE, UNREADABLE

		}

	}

}
