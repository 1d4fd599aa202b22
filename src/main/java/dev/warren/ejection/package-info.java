/**
 * Closing the loop between health and the balancers (issue 11): a per-cluster policy
 * ({@link dev.warren.ejection.EjectionPolicies}) under which a node that turns
 * NOT_RESPONDING or DOWN is taken out of every balancer that fronts its cluster, and put
 * back once it has been UP for the hold-down time, never below the healthy minimum
 * ({@link dev.warren.ejection.Ejector}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ejection",
		allowedDependencies = { "health", "balancer", "inventory", "clustering", "audit", "shared" })
package dev.warren.ejection;
