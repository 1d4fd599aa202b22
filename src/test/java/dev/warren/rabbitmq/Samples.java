package dev.warren.rabbitmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real RabbitMQ 3.10.8 outputs, copied into {@code src/test/resources/rabbitmq-samples}.
 * Text samples start with {@code # $ <command>} and {@code # exit code: N} lines.
 */
final class Samples {

	private static final Pattern EXIT_CODE = Pattern.compile("^# exit code: (\\d+)");

	private Samples() {
	}

	static String read(String path) {
		try (InputStream in = Samples.class.getResourceAsStream("/rabbitmq-samples/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("No sample " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first command of a text sample: its exit code and its output without the
	 * comment lines.
	 */
	static CliOutput output(String path) {
		Integer exitCode = null;
		List<String> lines = new ArrayList<>();
		boolean started = false;
		for (String line : read(path).split("\n", -1)) {
			if (line.startsWith("# $")) {
				if (started) {
					break;
				}
				started = true;
				continue;
			}
			Matcher matcher = EXIT_CODE.matcher(line);
			if (matcher.find()) {
				exitCode = (exitCode != null) ? exitCode : Integer.parseInt(matcher.group(1));
				continue;
			}
			if (!line.startsWith("#")) {
				lines.add(line);
			}
		}
		if (exitCode == null) {
			throw new IllegalArgumentException("Sample " + path + " names no exit code");
		}
		return new CliOutput(exitCode, String.join("\n", lines));
	}

	/** The names of the files in one sample directory. */
	static List<String> list(String directory) {
		URL url = Samples.class.getResource("/rabbitmq-samples/" + directory);
		try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
			return files.map((file) -> directory + "/" + file.getFileName()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record CliOutput(int exitCode, String output) {

	}

}
