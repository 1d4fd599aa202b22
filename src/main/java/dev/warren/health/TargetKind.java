package dev.warren.health;

/**
 * What a health event or sample is about.
 */
public enum TargetKind {

	NODE, BALANCER, CLUSTER

}
