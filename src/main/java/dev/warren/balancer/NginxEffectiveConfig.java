package dev.warren.balancer;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.remote.CommandLine;

/**
 * NGINX's configuration as NGINX itself reads it, from {@code nginx -T} with the flags of
 * the balancer's validate command: every file it reads (the {@code # configuration file
 * …:} sections), the pid file and error log of the main context, and the {@code include}
 * patterns. A push learns the host's real layout from it instead of assuming Debian's.
 *
 * @param files the files NGINX reads, main config first
 * @param pidFile the {@code pid} of the main context, if set
 * @param errorLog the first {@code error_log} of the main context, if set
 * @param includes every {@code include} pattern, made absolute
 */
record NginxEffectiveConfig(List<String> files, Optional<String> pidFile, Optional<String> errorLog,
		List<String> includes) {

	private static final Pattern SECTION = Pattern.compile("(?m)^# configuration file (.+):$");

	private static final Pattern DIRECTIVE = Pattern.compile("^(pid|error_log|include)\\s+([^;\\s]+)[^;]*;");

	/**
	 * {@code nginx -T} with the same program, prefix ({@code -p}) and main config
	 * ({@code -c}) as {@code validate}, or empty when that is no {@code nginx -t}.
	 * @param livePath the live file, for a validate command that checks {@code {file}}
	 */
	static Optional<CommandLine> command(CommandLine validate, String staged, String livePath) {
		List<String> arguments = new ArrayList<>(validate.arguments());
		int test = arguments.indexOf("-t");
		if (test < 0 || !validate.program().replace('\\', '/').endsWith("nginx")) {
			return Optional.empty();
		}
		arguments.set(test, "-T");
		arguments.remove("-q");
		arguments.replaceAll((argument) -> argument.equals(staged) ? livePath : argument);
		return Optional.of(new CommandLine(arguments));
	}

	/** The {@code -p} prefix of a command, if given. */
	static Optional<String> prefix(CommandLine command) {
		int at = command.arguments().indexOf("-p");
		return (at >= 0 && at + 1 < command.arguments().size()) ? Optional.of(command.arguments().get(at + 1))
				: Optional.empty();
	}

	static NginxEffectiveConfig parse(String output, Optional<String> prefix) {
		List<String> files = new ArrayList<>();
		List<String> includes = new ArrayList<>();
		String pid = null;
		String errorLog = null;
		Matcher sections = SECTION.matcher(output);
		List<int[]> bounds = new ArrayList<>();
		while (sections.find()) {
			files.add(sections.group(1).strip());
			bounds.add(new int[] { sections.end(), output.length() });
			if (bounds.size() > 1) {
				bounds.get(bounds.size() - 2)[1] = sections.start();
			}
		}
		// Relative includes are read from the main config's directory, relative pid and
		// log paths from the prefix.
		String base = files.isEmpty() ? null : parentOf(files.get(0));
		for (int i = 0; i < files.size(); i++) {
			String text = output.substring(bounds.get(i)[0], bounds.get(i)[1]).replaceAll("(?m)#.*$", "");
			int depth = 0;
			StringBuilder statement = new StringBuilder();
			for (char c : text.toCharArray()) {
				if (c == '{' || c == '}') {
					depth += (c == '{') ? 1 : -1;
					statement.setLength(0);
				}
				else if (c == ';') {
					Matcher directive = DIRECTIVE.matcher(statement.toString().strip() + ";");
					if (directive.find()) {
						String value = directive.group(2).replaceAll("^[\"']|[\"']$", "");
						boolean main = i == 0 && depth == 0;
						switch (directive.group(1)) {
							case "include" -> includes.add(absolute(value, base));
							case "pid" -> pid = (main && pid == null) ? absolute(value, prefix.orElse(base)) : pid;
							default ->
								errorLog = (main && errorLog == null) ? absolute(value, prefix.orElse(base)) : errorLog;
						}
					}
					statement.setLength(0);
				}
				else {
					statement.append(c);
				}
			}
		}
		return new NginxEffectiveConfig(List.copyOf(files), Optional.ofNullable(pid), Optional.ofNullable(errorLog),
				List.copyOf(includes));
	}

	/**
	 * Whether NGINX reads {@code path}: it is one of the files, or an include pattern
	 * matches it (a file a first push creates).
	 */
	boolean reads(String path) {
		if (this.files.contains(path)) {
			return true;
		}
		Path file = Path.of(path);
		return this.includes.stream()
			.anyMatch((pattern) -> pattern.equals(path)
					|| FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(file));
	}

	String describe() {
		return "NGINX reads " + String.join(", ", this.files) + "; pid file "
				+ this.pidFile.orElse("(not set: the compiled-in default)") + "; error log "
				+ this.errorLog.orElse("(not set: the compiled-in default)");
	}

	private static String absolute(String value, String base) {
		if (value.startsWith("/") || base == null) {
			return value;
		}
		return base.endsWith("/") ? base + value : base + "/" + value;
	}

	private static String parentOf(String file) {
		int slash = file.lastIndexOf('/');
		return (slash > 0) ? file.substring(0, slash) : null;
	}

}
