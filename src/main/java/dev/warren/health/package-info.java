/**
 * What the estate looks like now: the dashboard. Live probes of every node and balancer
 * build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Health")
package dev.warren.health;
