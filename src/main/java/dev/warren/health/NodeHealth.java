package dev.warren.health;

import java.time.Instant;
import java.util.List;

/**
 * The live state of one RabbitMQ node (a server with a node name).
 *
 * @param serverId the server in the inventory
 * @param serverName its name in the inventory
 * @param nodeName the RabbitMQ node name
 * @param state the current state
 * @param since when the state last changed (or monitoring started)
 * @param roundTripMs the last AMQP publish/consume round trip, when it answered
 * @param alarms alarms and problems the management API reports (memory, disk, partition,
 * membership); empty when none or when there is no management API to ask
 * @param connections client connections on this node (management API), {@code null} when
 * unknown
 * @param detail what the last probe found, for a person
 * @param clusterId the cluster it is a member of, {@code null} when in none
 * @param lastProbeAt when the last AMQP probe finished, {@code null} before the first
 * @param management what the management API last said, {@code null} when not asked (no
 * credentials) or not yet answered
 */
public record NodeHealth(long serverId, String serverName, String nodeName, HealthState state, Instant since,
		Long roundTripMs, List<String> alarms, Integer connections, String detail, Long clusterId, Instant lastProbeAt,
		ManagementFacts management) {

	/**
	 * What a node's management API said last.
	 *
	 * @param running the node's own {@code running} flag
	 * @param uptimeMs milliseconds since the node started
	 * @param fdUsed file descriptors in use
	 * @param fdTotal file descriptor limit
	 * @param memUsed bytes of memory used
	 * @param memLimit the memory high watermark in bytes
	 * @param diskFree free disk bytes
	 * @param members the cluster's nodes as this node sees them (its {@code /api/nodes})
	 * @param runningMembers those of them it sees running
	 * @param partitions nodes it reports partitioned from
	 * @param memoryAlarm its memory alarm is in effect
	 * @param diskAlarm its free disk alarm is in effect
	 * @param at when this answer came
	 */
	public record ManagementFacts(boolean running, Long uptimeMs, Long fdUsed, Long fdTotal, Long memUsed,
			Long memLimit, Long diskFree, List<String> members, List<String> runningMembers, List<String> partitions,
			boolean memoryAlarm, boolean diskAlarm, Instant at) {

	}

}
