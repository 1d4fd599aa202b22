package dev.warren.health;

/**
 * The size of the inventory, for the dashboard's header.
 */
public record EstateCounts(int servers, int clusters, int balancers) {

}
