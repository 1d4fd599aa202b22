package dev.warren.remote;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.warren.inventory.OperatingSystem;

/**
 * How a command line is written for the shell that OpenSSH starts on the server: a POSIX
 * shell on Linux, {@code cmd.exe} on Windows.
 */
public enum ShellDialect {

	/**
	 * {@code sh -c}: an argument made only of harmless characters stays as it is, every
	 * other one is single-quoted, which switches off every expansion.
	 */
	POSIX {

		@Override
		String quote(String argument, boolean program) {
			rejectLineBreaks(argument);
			if (argument.isEmpty()) {
				return "''";
			}
			// A leading NAME=value would be an assignment and a bare reserved word
			// would be syntax: the program is quoted then, which disarms both.
			boolean bare = POSIX_SAFE.matcher(argument).matches()
					&& !(program && (argument.contains("=") || POSIX_RESERVED.contains(argument)));
			return bare ? argument : "'" + argument.replace("'", "'\\''") + "'";
		}

		@Override
		void checkLength(String line) {
			// sshd runs the user's shell with "-c <line>", one argument, which Linux
			// limits to 128 KiB.
			int bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
			if (bytes >= 128 * 1024) {
				throw new IllegalArgumentException("The command line would be " + bytes
						+ " bytes; a shell on Linux accepts less than 131072. Upload long input as a file instead.");
			}
		}

	},

	/**
	 * OpenSSH for Windows runs {@code cmd.exe /c "<line>"}; cmd.exe strips that outer
	 * pair of quotes (the line holds other quotes, or is not one executable name) and
	 * parses what remains, which is what {@link #render} produces. Arguments with spaces
	 * or {@code ()&|<>,;=} are double-quoted (cmd.exe takes those characters literally
	 * inside quotes, and batch files do not split there). What quoting cannot protect is
	 * refused: {@code "}, {@code %} (expanded even inside quotes), {@code !} (delayed
	 * expansion, which rabbitmqctl.bat enables), {@code ^} (eaten by delayed expansion
	 * even inside quotes), control characters, non-ASCII characters (programs using the
	 * ANSI code page may "best-fit" map them to quotes or other specials) and a backslash
	 * that would end up just before a closing quote.
	 */
	WINDOWS_CMD {

		@Override
		String quote(String argument, boolean program) {
			rejectLineBreaks(argument);
			for (int i = 0; i < argument.length(); i++) {
				char c = argument.charAt(i);
				if (c < 0x20 || c == 0x7f) {
					throw refused(argument, "it contains a control character");
				}
				if (c > 0x7e) {
					throw refused(argument, "it contains the non-ASCII character U+" + String.format("%04X", (int) c)
							+ "; programs started by cmd.exe may map it to a quote or another special character");
				}
				if (c == '"') {
					throw refused(argument, "a double quote cannot be passed through cmd.exe safely");
				}
				if (WINDOWS_NEVER.indexOf(c) >= 0) {
					throw refused(argument, "cmd.exe interprets '" + c + "' even inside double quotes");
				}
			}
			if (argument.isEmpty()) {
				return "\"\"";
			}
			boolean needsQuotes = argument.chars().anyMatch((c) -> WINDOWS_QUOTED.indexOf(c) >= 0);
			if (!needsQuotes) {
				return argument;
			}
			if (argument.endsWith("\\")) {
				throw refused(argument,
						"it would end in a backslash just before the closing quote, which many programs read as an escaped quote; drop the trailing backslash");
			}
			return "\"" + argument + "\"";
		}

		@Override
		void checkLength(String line) {
			// 8191 characters for cmd.exe, less what OpenSSH adds (cmd.exe /c "...").
			if (line.length() > 8000) {
				throw new IllegalArgumentException("The command line would be " + line.length()
						+ " characters; cmd.exe accepts at most 8191. Upload long input as a file instead.");
			}
		}

	};

	private static final Pattern POSIX_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	private static final Set<String> POSIX_RESERVED = Set.of("case", "do", "done", "elif", "else", "esac", "fi", "for",
			"function", "if", "in", "select", "then", "time", "until", "while", "coproc");

	/** Characters that cmd.exe interprets even inside double quotes. */
	private static final String WINDOWS_NEVER = "%!^";

	/** Characters that are literal only inside double quotes (or split arguments). */
	private static final String WINDOWS_QUOTED = " ()&|<>,;=";

	public static ShellDialect of(OperatingSystem os) {
		return (os == OperatingSystem.WINDOWS) ? WINDOWS_CMD : POSIX;
	}

	/**
	 * Quotes every argument so that the shell passes it to the program unchanged.
	 * @throws IllegalArgumentException for an argument that cannot be passed safely (for
	 * example a line break, or {@code %} and {@code "} for {@code cmd.exe})
	 */
	public String render(CommandLine command) {
		List<String> arguments = command.arguments();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < arguments.size(); i++) {
			String argument = arguments.get(i);
			if (argument == null) {
				throw new IllegalArgumentException("Argument " + i + " of the command is null");
			}
			if (i == 0 && argument.isEmpty()) {
				throw new IllegalArgumentException("The program name is empty");
			}
			if (i > 0) {
				line.append(' ');
			}
			line.append(quote(argument, i == 0));
		}
		checkLength(line.toString());
		return line.toString();
	}

	abstract String quote(String argument, boolean program);

	abstract void checkLength(String line);

	private static void rejectLineBreaks(String argument) {
		for (int i = 0; i < argument.length(); i++) {
			char c = argument.charAt(i);
			if (c == '\0') {
				throw refused(argument, "it contains a NUL character");
			}
			if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u0085' || c == '\u2028'
					|| c == '\u2029') {
				throw refused(argument, "it contains a line break");
			}
		}
	}

	private static IllegalArgumentException refused(String argument, String reason) {
		return new IllegalArgumentException(
				"Cannot pass the argument " + printable(argument) + " to the remote shell safely: " + reason);
	}

	/** The argument as a person can read it in a message, control characters escaped. */
	private static String printable(String argument) {
		String shown = (argument.length() > 80) ? argument.substring(0, 80) + "…" : argument;
		return "\"" + shown.codePoints()
			.mapToObj((c) -> (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)
					? String.format("\\u%04x", c) : new String(Character.toChars(c)))
			.collect(Collectors.joining()) + "\"";
	}

}
