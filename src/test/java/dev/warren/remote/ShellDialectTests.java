package dev.warren.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.warren.inventory.OperatingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every hostile value goes through both dialects. POSIX renderings are run by real shells
 * and must come back byte for byte; cmd.exe renderings are checked against cmd.exe's
 * parsing rules, or refused.
 */
class ShellDialectTests {

	private static final String PWNED = "/tmp/warren-pwned-" + UUID.randomUUID();

	private static final String RABBITMQCTL_BAT = "C:\\Program Files\\OutSystems\\Platform Server\\thirdparty\\"
			+ "RabbitMQ Server\\rabbitmq_server-3.8.21\\sbin\\rabbitmqctl.bat";

	/** Values a shell would interpret, and some it only might. No line breaks, no NUL. */
	static List<String> hostile() {
		return List.of("a'b; touch " + PWNED, "$(touch " + PWNED + ")", "`touch " + PWNED + "`",
				"\"; touch " + PWNED + "; \"", "'; touch " + PWNED + "; '", "$HOME", "${PATH}", "$((6*7))", "$'\\x41'",
				"; rm -rf /", "&& echo pwned", "|| echo pwned", "| cat /etc/passwd", "> /tmp/x", "< /etc/passwd",
				"2>&1", "&", "'", "''", "'\\''", "\"", "\"\"", "a\"b'c", "\\", "\\\\", "a\\", "\\'", "*", "?", "[a-z]*",
				"/etc/*", "~", "~root", "#comment", "a #b", "!", "!!", "!$", "{a,b}", "{}", "(subshell)", ")", "%PATH%",
				"%s", "%n", "^", "a^b", "-n", "--help", "--", "-e", "IFS=x", "a=b", "", " ", "  leading and trailing  ",
				"\t", "a\tb", "\u001b[31mred\u001b[0m", "\u0007bell", "\u0008backspace", "\u007f", "ｈｏｓｔ", "＄(id)",
				"；rm", "‘smart’", "“double”", "\u02bcmodifier", "\u00a0nbsp", "zero\u200bwidth", "\u202eright-to-left",
				"é", "日本語", "🐇 rabbit", "rabbit@ServerA", "C:\\Program Files\\x", "x".repeat(20_000),
				"'$`\"\\".repeat(2_000));
	}

	static List<String> lineBreaksAndNul() {
		return List.of("a\nb", "\n", "a\rb", "\r\n", "nul\0", "\0", "vt\u000bx", "ff\u000cx", "nel\u0085x", "ls\u2028x",
				"ps\u2029x", "$(touch " + PWNED + ")\nid");
	}

	@Test
	void feedsAtLeastFiftyHostileValues() {
		assertThat(hostile()).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/bin/sh", "/bin/bash" })
	void posixRoundTripsEveryHostileValueThroughARealShell(String shell) throws Exception {
		List<String> values = hostile();
		String line = ShellDialect.POSIX
			.render(CommandLine.of("printf", "<%s>\\n").with(values.toArray(String[]::new)));
		Result result = runShell(shell, line);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.lines()).containsExactlyElementsOf(values.stream().map((v) -> "<" + v + ">").toList());
		assertThat(Path.of(PWNED)).doesNotExist();
	}

	@ParameterizedTest
	@MethodSource("hostile")
	void posixPassesEachValueUnchanged(String value) throws Exception {
		String line = ShellDialect.POSIX.render(CommandLine.of("printf", "<%s>\\n", value));
		Result result = runShell("/bin/sh", line);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.lines()).containsExactly("<" + value + ">");
		assertThat(Path.of(PWNED)).doesNotExist();
	}

	@Test
	void posixLeavesPlainArgumentsAsTheyAre() {
		CommandLine command = CommandLine.of("/usr/sbin/rabbitmqctl", "-n", "rabbit@ServerA", "cluster_status",
				"--formatter", "json");
		assertThat(ShellDialect.POSIX.render(command))
			.isEqualTo("/usr/sbin/rabbitmqctl -n rabbit@ServerA cluster_status --formatter json");
		assertThat(ShellDialect.POSIX.render(CommandLine.of("echo", "a b", "", "it's")))
			.isEqualTo("echo 'a b' '' 'it'\\''s'");
	}

	@Test
	void posixQuotesAProgramThatAShellWouldReadAsAnAssignmentOrAKeyword() throws Exception {
		assertThat(ShellDialect.POSIX.render(CommandLine.of("PATH=/tmp", "id"))).isEqualTo("'PATH=/tmp' id");
		assertThat(ShellDialect.POSIX.render(CommandLine.of("if", "true"))).isEqualTo("'if' true");
		assertThat(ShellDialect.POSIX.render(CommandLine.of("!", "true"))).isEqualTo("'!' true");
		// An argument after the program may look like an assignment: it is only text.
		assertThat(ShellDialect.POSIX.render(CommandLine.of("env", "A=b"))).isEqualTo("env A=b");
		Result assignment = runShell("/bin/sh", ShellDialect.POSIX.render(CommandLine.of("X=1", "true")));
		assertThat(assignment.exitCode()).as("'X=1' runs as a program name, which does not exist").isEqualTo(127);
	}

	@ParameterizedTest
	@MethodSource("lineBreaksAndNul")
	void bothDialectsRefuseLineBreaksAndNul(String value) {
		for (ShellDialect dialect : ShellDialect.values()) {
			assertThatIllegalArgumentException().isThrownBy(() -> dialect.render(CommandLine.of("echo", value)))
				.withMessageContaining("Cannot pass the argument")
				.withMessageMatching("(?s).*(line break|NUL|control character).*");
		}
	}

	@Test
	void refusesAnEmptyProgramAndLinesTooLongForTheShell() {
		for (ShellDialect dialect : ShellDialect.values()) {
			assertThatIllegalArgumentException().isThrownBy(() -> dialect.render(CommandLine.of("")))
				.withMessageContaining("program name is empty");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ShellDialect.POSIX.render(CommandLine.of("echo", "x".repeat(131_072))))
			.withMessageContaining("131072");
		assertThat(ShellDialect.POSIX.render(CommandLine.of("echo", "x".repeat(100_000)))).hasSize(100_005);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ShellDialect.WINDOWS_CMD.render(CommandLine.of("echo", "x".repeat(8_000))))
			.withMessageContaining("8191");
	}

	@ParameterizedTest
	@MethodSource("hostile")
	void windowsRendersSafelyOrRefuses(String value) {
		CommandLine command = CommandLine.of(RABBITMQCTL_BAT, "-n", value);
		boolean mustRefuse = value.length() > 7_000
				|| value.chars().anyMatch((c) -> c == '"' || c == '%' || c == '!' || c == '^' || c < 0x20 || c > 0x7e);
		if (mustRefuse) {
			assertThatIllegalArgumentException().isThrownBy(() -> ShellDialect.WINDOWS_CMD.render(command))
				.withMessageMatching("(?s)(Cannot pass the argument|.*cmd.exe accepts at most 8191).*");
			return;
		}
		String line;
		try {
			line = ShellDialect.WINDOWS_CMD.render(command);
		}
		catch (IllegalArgumentException ex) {
			// The only other refusal: a backslash that would precede the closing quote.
			assertThat(value).endsWith("\\");
			assertThat(ex).hasMessageContaining("backslash");
			return;
		}
		assertThat(cmdArguments(line)).containsExactly(RABBITMQCTL_BAT, "-n", value);
	}

	@Test
	void windowsQuotesTheProgramPathWithSpacesAsTheFirstToken() {
		String line = ShellDialect.WINDOWS_CMD
			.render(CommandLine.of(RABBITMQCTL_BAT, "-n", "rabbit@ServerA", "cluster_status", "--formatter", "json"));
		assertThat(line).isEqualTo("\"" + RABBITMQCTL_BAT + "\" -n rabbit@ServerA cluster_status --formatter json");
		// OpenSSH for Windows runs cmd.exe /c "<line>": the line holds more than two
		// quotes, so cmd.exe strips exactly the outer pair and the program stays quoted.
		assertThat(cmdArguments(line)).first().isEqualTo(RABBITMQCTL_BAT);
		assertThat(ShellDialect.WINDOWS_CMD
			.render(CommandLine.of(RABBITMQCTL_BAT, "set_cluster_name", "my cluster (prod)", "a,b", "k=v", "x&y")))
			.isEqualTo("\"" + RABBITMQCTL_BAT + "\" set_cluster_name \"my cluster (prod)\" \"a,b\" \"k=v\" \"x&y\"");
		assertThat(ShellDialect.WINDOWS_CMD.render(CommandLine.of("rabbitmqctl.bat", "")))
			.isEqualTo("rabbitmqctl.bat \"\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "say \"hi\"", "%USERPROFILE%", "50%", "!secret!", "a^&b", "café", "ｈｏｓｔ",
			"C:\\dir with space\\", "tab\there", "“quoted”" })
	void windowsRefusesWhatQuotingCannotProtect(String value) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ShellDialect.WINDOWS_CMD.render(CommandLine.of("rabbitmqctl.bat", value)))
			.withMessageContaining("Cannot pass the argument")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\t"));
	}

	@Test
	void choosesTheDialectFromTheOperatingSystem() {
		assertThat(ShellDialect.of(OperatingSystem.LINUX)).isEqualTo(ShellDialect.POSIX);
		assertThat(ShellDialect.of(OperatingSystem.WINDOWS)).isEqualTo(ShellDialect.WINDOWS_CMD);
	}

	/**
	 * How cmd.exe, then a batch file, splits the line: outside double quotes the
	 * operators {@code &|<>^()} must not appear (they would end the command or escape),
	 * {@code %} and {@code !} nowhere (expansion); spaces, commas, semicolons and equals
	 * signs separate arguments outside quotes; quotes are then removed ({@code %~1}).
	 */
	static List<String> cmdArguments(String line) {
		List<String> arguments = new ArrayList<>();
		StringBuilder current = null;
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '%' || c == '!') {
				fail("'" + c + "' would be expanded by cmd.exe in: " + line);
			}
			if (c == '"') {
				if (i > 0 && line.charAt(i - 1) == '\\') {
					fail("a backslash before a quote would escape it for the program in: " + line);
				}
				quoted = !quoted;
				current = (current != null) ? current : new StringBuilder();
				continue;
			}
			if (!quoted && "&|<>^()".indexOf(c) >= 0) {
				fail("'" + c + "' outside quotes would be interpreted by cmd.exe in: " + line);
			}
			if (!quoted && " ,;=\t".indexOf(c) >= 0) {
				if (current != null) {
					arguments.add(current.toString());
					current = null;
				}
				continue;
			}
			current = (current != null) ? current : new StringBuilder();
			current.append(c);
		}
		assertThat(quoted).as("quotes are balanced in: " + line).isFalse();
		if (current != null) {
			arguments.add(current.toString());
		}
		return arguments;
	}

	private static Result runShell(String shell, String line) throws IOException, InterruptedException {
		// The line goes in on stdin as UTF-8, so the JVM's locale cannot mangle it.
		Process process = new ProcessBuilder(shell).start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(line.getBytes(StandardCharsets.UTF_8));
			in.write('\n');
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Thread errors = new Thread(() -> copy(process.getErrorStream(), err));
		errors.start();
		copy(process.getInputStream(), out);
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail("the shell did not finish");
		}
		errors.join();
		return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8),
				err.toString(StandardCharsets.UTF_8));
	}

	private static void copy(InputStream in, ByteArrayOutputStream out) {
		try (in) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String stdout, String stderr) {

		List<String> lines() {
			String text = this.stdout.endsWith("\n") ? this.stdout.substring(0, this.stdout.length() - 1) : this.stdout;
			return text.isEmpty() ? List.of() : Stream.of(text.split("\n", -1)).toList();
		}

	}

	static {
		if (!Files.isExecutable(Path.of("/bin/sh"))) {
			throw new IllegalStateException("These tests need /bin/sh");
		}
	}

}
