package dev.warren.inventory;

import java.time.Instant;
import java.util.List;

/**
 * A cluster as pages and the API show it.
 */
public record ClusterView(long id, String name, long primaryServerId, List<Long> memberServerIds, List<Member> members,
		Instant createdAt, Instant updatedAt) {

	/**
	 * One member with what a page needs to show it.
	 */
	public record Member(long serverId, String serverName, String nodeName, String host, int amqpPort,
			boolean primary) {

	}

}
