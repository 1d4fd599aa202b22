package dev.warren.rabbitmq;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RabbitMQ's {@code cluster_partition_handling} strategies that Warren can set. Only
 * these words ever reach an {@code eval}: free text never does. The setting has no effect
 * from RabbitMQ 4.3 on (Khepri), see {@link RabbitmqVersion#honoursPartitionHandling()}.
 */
public enum PartitionHandling {

	IGNORE("ignore"), PAUSE_MINORITY("pause_minority"), AUTOHEAL("autoheal");

	private static final Pattern GET_ENV = Pattern.compile("\\{\\s*ok\\s*,\\s*([a-z_]+)\\s*}");

	private final String value;

	PartitionHandling(String value) {
		this.value = value;
	}

	/** The Erlang atom, as in {@code rabbitmq.conf}. */
	public String value() {
		return this.value;
	}

	/**
	 * @throws IllegalArgumentException for anything but ignore, pause_minority or
	 * autoheal
	 */
	public static PartitionHandling of(String mode) {
		String wanted = (mode != null) ? mode.strip().toLowerCase(Locale.ROOT) : "";
		return Arrays.stream(values())
			.filter((candidate) -> candidate.value.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Partition handling must be ignore, pause_minority or autoheal, not '" + mode + "'"));
	}

	/**
	 * Reads the answer of {@link RabbitmqCommands#getPartitionHandling}:
	 * {@code {ok,autoheal}}, or {@code undefined} when the node uses the default
	 * ({@code ignore}). Empty for a strategy Warren does not set, such as
	 * {@code pause_if_all_down}.
	 */
	public static Optional<PartitionHandling> parse(String evalOutput) {
		String text = (evalOutput != null) ? evalOutput.strip() : "";
		if (text.equals("undefined")) {
			return Optional.of(IGNORE);
		}
		Matcher matcher = GET_ENV.matcher(text);
		if (!matcher.find()) {
			return Optional.empty();
		}
		String atom = matcher.group(1);
		return Arrays.stream(values()).filter((candidate) -> candidate.value.equals(atom)).findFirst();
	}

}
