package dev.warren.health;

import java.time.Instant;
import java.util.List;

/**
 * Everything the monitor knows now, by cluster.
 *
 * @param at when this snapshot was taken
 * @param clusters clusters by name, then the pseudo-entry for servers in no cluster (only
 * when there are such servers)
 * @param enabled whether probes run ({@code warren.health.enabled})
 */
public record HealthSnapshot(Instant at, List<ClusterHealth> clusters, boolean enabled) {

}
