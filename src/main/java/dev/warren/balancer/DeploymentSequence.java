package dev.warren.balancer;

import java.util.ArrayList;
import java.util.List;

import dev.warren.clustering.RunControl;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.StepPlan;

/**
 * "Deploy to all": the deployments to several balancers of one cluster as one run, each
 * in its own group of steps, one after the other. The first that does not go live stops
 * the sequence: the balancers before it keep their new config, the ones after it are not
 * touched and their steps say so.
 */
final class DeploymentSequence {

	private final List<Deployment> deployments;

	DeploymentSequence(List<Deployment> deployments) {
		this.deployments = List.copyOf(deployments);
	}

	void run(RunControl run) {
		int total = this.deployments.size();
		List<String> deployed = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			Deployment deployment = this.deployments.get(i);
			String group = group(i);
			int header = run
				.plan(List.of(
						new StepPlan(deployment.host(),
								group + "push " + BalancerConfigs.fileName(deployment.balancer()) + " to "
										+ deployment.host().name(),
								null)))
				.get(0);
			String position = "Balancer " + (i + 1) + " of " + total + ": ";
			run.action(header, () -> position + describe(deployment));
			Deployment.Outcome outcome = deployment.grouped(group).deploy(run);
			if (outcome.status() != RunStatus.SUCCEEDED) {
				List<StepPlan> notAttempted = new ArrayList<>();
				List<String> names = new ArrayList<>();
				for (int j = i + 1; j < total; j++) {
					Deployment next = this.deployments.get(j);
					names.add(next.balancer().name());
					notAttempted.add(new StepPlan(next.host(),
							group(j) + "not attempted: the deployment to " + deployment.balancer().name() + " failed",
							null));
				}
				if (!notAttempted.isEmpty()) {
					// Left pending: finishing the run marks them SKIPPED.
					run.plan(notAttempted);
				}
				run.finish(RunStatus.FAILED,
						"Stopped at balancer " + deployment.balancer().name() + " (" + (i + 1) + " of " + total + "): "
								+ sentence(outcome.summary())
								+ (deployed.isEmpty() ? " No balancer was deployed."
										: " Deployed before it: " + String.join(", ", deployed) + ".")
								+ (names.isEmpty() ? "" : " Not attempted: " + String.join(", ", names) + "."));
				return;
			}
			deployed.add(deployment.balancer().name());
		}
		run.finish(RunStatus.SUCCEEDED,
				"All " + total + " balancers are live and serving AMQP: " + String.join(", ", deployed) + ".");
	}

	private static String sentence(String text) {
		return text.strip().endsWith(".") ? text.strip() : text.strip() + ".";
	}

	private String group(int index) {
		return "[" + this.deployments.get(index).balancer().name() + "] ";
	}

	private static String describe(Deployment deployment) {
		BalancerView balancer = deployment.balancer();
		return balancer.name() + " (" + balancer.kind() + ", " + balancer.listenAddress() + ":" + balancer.listenPort()
				+ ") on " + deployment.host().name() + ", " + balancer.configPath();
	}

}
