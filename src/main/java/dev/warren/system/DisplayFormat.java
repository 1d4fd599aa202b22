package dev.warren.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Formats for templates ({@code ${@fmt.dateTime(x)}}). Times are shown in UTC, as
 * servers' logs usually are.
 */
@Component("fmt")
public class DisplayFormat {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	public String duration(java.time.Duration duration) {
		if (duration == null) {
			return "—";
		}
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return (duration.toMillis() < 10_000)
					? String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0) : seconds + " s";
		}
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	public String dateTime(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant) + " UTC" : "—";
	}

}
