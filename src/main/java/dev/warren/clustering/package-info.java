/**
 * The cluster wizard and its runs: preflight, plan, run, verify, roll back.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clustering")
package dev.warren.clustering;
