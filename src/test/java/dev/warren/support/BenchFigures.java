package dev.warren.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one benchmark for {@code bench/REPORT.md}: one tab-separated line per
 * figure (what, value, goal, verdict, when measured) in
 * {@code target/bench/NAME.figures.tsv}, which {@code bench/run} turns into the report's
 * table.
 */
public final class BenchFigures {

	private final String name;

	private final String measuredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

	private final List<String> lines = new ArrayList<>();

	public BenchFigures(String name) {
		this.name = name;
	}

	/** A figure without a goal. */
	public BenchFigures figure(String what, String value) {
		return add(what, value, "", "");
	}

	/** A figure with its goal and whether it was met. */
	public BenchFigures figure(String what, String value, String goal, boolean met) {
		return add(what, value, goal, met ? "pass" : "**FAIL**");
	}

	private BenchFigures add(String what, String value, String goal, String verdict) {
		this.lines.add(String.join("\t", clean(what), clean(value), clean(goal), verdict, this.measuredAt));
		return this;
	}

	public void write() throws IOException {
		Path out = Path.of("target/bench/" + this.name + ".figures.tsv");
		Files.createDirectories(out.getParent());
		Files.write(out, this.lines);
	}

	private static String clean(String text) {
		return text.replace('\t', ' ').replace('\n', ' ').replace("|", "\\|");
	}

}
