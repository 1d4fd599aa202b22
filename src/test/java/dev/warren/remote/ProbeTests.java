package dev.warren.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Does this file exist?" on a real shell as an unprivileged user (issue 17): a refusal
 * is never read as "no".
 */
class ProbeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	static Path dir;

	static Path open;

	static Path closed;

	@BeforeAll
	static void files() throws Exception {
		assumeTrue(LocalUserSession.available(), "runs as root, with runuser");
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		open = Files.writeString(dir.resolve("warren.conf"), "stream {}\n");
		Path secret = Files.createDirectory(dir.resolve("root-only"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		closed = Files.writeString(secret.resolve("warren.conf"), "stream {}\n");
	}

	@Test
	void aFileThatIsThereIsYesAndOneThatIsNotIsNo() {
		RemoteSession nobody = new LocalUserSession("nobody", false);
		assertThat(Probe.fileExists(nobody, open.toString(), TIMEOUT, "nobody").answer()).isEqualTo(Probe.Answer.YES);
		assertThat(Probe.fileExists(nobody, dir.resolve("missing.conf").toString(), TIMEOUT, "nobody").answer())
			.isEqualTo(Probe.Answer.NO);
	}

	@Test
	void aDirectoryTheUserMayNotSearchIsCouldNotTellNotNo() {
		Probe probe = Probe.fileExists(new LocalUserSession("nobody", false), closed.toString(), TIMEOUT, "nobody");
		assertThat(probe.answer()).isEqualTo(Probe.Answer.UNKNOWN);
		assertThat(probe.reason()).contains("Could not tell whether " + closed, "permission denied", "as nobody");
	}

	@Test
	void aRefusedSudoIsCouldNotTellNotNo() {
		Probe probe = Probe.fileExists(new LocalUserSession("nobody", true), open.toString(), TIMEOUT,
				"nobody through sudo -n");
		assertThat(probe.answer()).isEqualTo(Probe.Answer.UNKNOWN);
		assertThat(probe.result().output()).contains("sudo: a password is required");
		assertThat(probe.reason()).contains("sudo refused it", "as nobody through sudo -n");
	}

	@Test
	void aDirectoryWhereAFileShouldBeIsCouldNotTell() {
		Probe probe = Probe.fileExists(new LocalUserSession("nobody", false), dir.toString(), TIMEOUT, "nobody");
		assertThat(probe.answer()).isEqualTo(Probe.Answer.UNKNOWN);
		assertThat(probe.reason()).contains("not a regular file");
	}

}
