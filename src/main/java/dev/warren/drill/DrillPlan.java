package dev.warren.drill;

import java.util.List;

import dev.warren.balancer.BalancerView;
import dev.warren.clustering.PreflightCheck;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.ServerView;

/**
 * The safety checks of a drill and what it will do, as the confirmation page shows them.
 *
 * @param balancer the balancer the traffic goes through, or {@code null} when none is
 * chosen
 * @param balancers every balancer that fronts the cluster
 * @param queueType {@code quorum} or {@code classic}
 * @param steps what will happen, in order
 */
public record DrillPlan(ClusterView cluster, ServerView server, BalancerView balancer, List<BalancerView> balancers,
		int waitSeconds, String queueType, List<PreflightCheck> checks, List<String> steps) {

	public boolean passed() {
		return SafetyRules.passed(this.checks);
	}

	public boolean warned() {
		return this.checks.stream().anyMatch((c) -> c.verdict() == PreflightCheck.Verdict.WARN);
	}

	public List<PreflightCheck> failures() {
		return this.checks.stream().filter(PreflightCheck::failed).toList();
	}

}
