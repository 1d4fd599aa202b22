package dev.warren.rabbitmq;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of "Test connection" for one server: can Warren log in, run the RabbitMQ
 * CLI and reach the node, and which versions run there.
 *
 * @param rabbitmqVersion {@code null} when the node did not answer
 * @param erlangVersion {@code null} when the node did not answer
 */
public record ConnectionCheck(long serverId, Instant checkedAt, String checkedBy, List<Item> items,
		String rabbitmqVersion, String erlangVersion) {

	public ConnectionCheck {
		items = List.copyOf(items);
	}

	/** The worst status of all items: FAIL if any failed. */
	@JsonProperty("overall")
	public Status overall() {
		return this.items.stream().map(Item::status).max(Comparator.naturalOrder()).orElse(Status.FAIL);
	}

	public boolean passed() {
		return overall() == Status.PASS;
	}

	/**
	 * One thing checked.
	 *
	 * @param detail what was found, or what to do about it
	 */
	public record Item(String name, Status status, String detail) {

	}

	/** In increasing order of gravity. */
	public enum Status {

		PASS, WARN, FAIL

	}

}
