package dev.warren.rabbitmq;

import tools.jackson.databind.JsonNode;

/**
 * How many queues a node's default virtual host holds and how many messages wait in them,
 * from {@code rabbitmqctl list_queues name messages exclusive --formatter json}. Before a
 * node joins a cluster it is reset, so this is what the join would throw away. Exclusive
 * queues are not counted: they end with their connection when the node stops anyway, and
 * one of them is the probe queue of Warren's own health check ({@code amq.gen-…}).
 */
public record QueueSummary(int queues, long messages) {

	public static final QueueSummary NONE = new QueueSummary(0, 0);

	/**
	 * Reads {@code [{"name":"q","messages":3}, …]}. A queue whose count is unknown (for
	 * example a quorum queue without a leader) is counted with no messages.
	 * @throws IllegalArgumentException when the output holds no list
	 */
	public static QueueSummary parse(String json) {
		if (json == null || json.isBlank()) {
			return NONE;
		}
		JsonNode list = CliJson.array(json, "list_queues");
		int queues = 0;
		long messages = 0;
		for (JsonNode queue : list.values()) {
			JsonNode exclusive = queue.path("exclusive");
			if (exclusive.asBoolean(false) || "true".equals(exclusive.asString(""))) {
				continue;
			}
			queues++;
			JsonNode count = queue.path("messages");
			if (count.isNumber()) {
				messages += count.asLong();
			}
			else if (count.isString() && count.asString().matches("\\d{1,18}")) {
				messages += Long.parseLong(count.asString());
			}
		}
		return new QueueSummary(queues, messages);
	}

	public boolean isEmpty() {
		return this.queues == 0 && this.messages == 0;
	}

}
