package dev.warren.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How far back a node's or balancer's chart looks: the last 15 minutes come live, one
 * point per probe; longer ranges come from the persisted samples, one point per bucket.
 */
public enum ChartRange {

	LIVE("15m", "15 min", Duration.ofMinutes(15)), HOUR("1h", "1 h", Duration.ofHours(1)),
	SIX_HOURS("6h", "6 h", Duration.ofHours(6)), DAY("24h", "24 h", Duration.ofHours(24)),
	WEEK("7d", "7 days", Duration.ofDays(7));

	private final String code;

	private final String label;

	private final Duration length;

	ChartRange(String code, String label, Duration length) {
		this.code = code;
		this.label = label;
		this.length = length;
	}

	/** How the range is written in a page's address ({@code ?range=6h}). */
	public String code() {
		return this.code;
	}

	public String label() {
		return this.label;
	}

	public boolean live() {
		return this == LIVE;
	}

	Duration length() {
		return this.length;
	}

	/** The range a page asks for; anything unknown is the live quarter hour. */
	static ChartRange of(String code) {
		return Arrays.stream(values()).filter((range) -> range.code.equals(code)).findFirst().orElse(LIVE);
	}

	public static List<ChartRange> all() {
		return List.of(values());
	}

}
