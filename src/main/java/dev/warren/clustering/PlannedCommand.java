package dev.warren.clustering;

/**
 * A step before it runs: on which server, what for, and the command as it will be sent.
 */
record PlannedCommand(Long serverId, String serverName, String description, String command) {

}
