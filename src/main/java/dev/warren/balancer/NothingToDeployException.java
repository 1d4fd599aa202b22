package dev.warren.balancer;

/**
 * A deployment to all balancers of a cluster that cannot start: none fronts it, or one is
 * on a host Warren cannot push to. Nothing has changed anywhere.
 */
public class NothingToDeployException extends RuntimeException {

	NothingToDeployException(String message) {
		super(message);
	}

}
