package dev.warren.clustering;

/**
 * The work of a run that another module defines (a balancer deployment, say), executed in
 * the background by {@link RunLauncher} with a {@link RunControl} to record it.
 */
@FunctionalInterface
public interface RunScript {

	void run(RunControl run);

}
