package dev.warren.balancer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * keepalived configs against golden files in {@code src/test/resources/keepalived-golden}
 * (rewrite them with {@code -Dwarren.golden.update=true} after a deliberate change).
 * There is no keepalived daemon here: the files are checked by eye and by these tests
 * only.
 */
class KeepalivedConfigsTests {

	static final Path GOLDEN = Path.of("src/test/resources/keepalived-golden");

	static final KeepalivedConfigs.Peer NGINX_A = new KeepalivedConfigs.Peer(1, "lb-a", "ServerA", BalancerKind.NGINX,
			5672);

	static final KeepalivedConfigs.Peer HAPROXY_B = new KeepalivedConfigs.Peer(2, "lb b", "Server B",
			BalancerKind.HAPROXY, 5672);

	@Test
	void rendersTheMastersFile() throws IOException {
		assertGolden("master-nginx.conf", render(NGINX_A));
	}

	@Test
	void rendersTheBackupsFile() throws IOException {
		assertGolden("backup-haproxy.conf", render(HAPROXY_B));
	}

	@Test
	void theMasterYieldsToTheBackupWhenItsBalancerStops() {
		String master = render(NGINX_A);
		String backup = render(HAPROXY_B);
		assertThat(master).contains("state MASTER", "priority " + KeepalivedConfigs.MASTER_PRIORITY,
				"script \"/usr/bin/env pidof nginx\"");
		assertThat(backup).contains("state BACKUP", "priority " + KeepalivedConfigs.BACKUP_PRIORITY,
				"script \"/usr/bin/env pidof haproxy\"");
		assertThat(KeepalivedConfigs.MASTER_PRIORITY + KeepalivedConfigs.CHECK_WEIGHT)
			.isLessThan(KeepalivedConfigs.BACKUP_PRIORITY);
		// Both files share the VRRP instance, router id and address.
		for (String config : List.of(master, backup)) {
			assertThat(config).contains("vrrp_instance RABBITMQ_orders_eu {", "virtual_router_id 51",
					"192.0.2.10/24 dev eth0", RenderedConfig.HEADER_END);
		}
	}

	@Test
	void aVirtualIpWithoutPrefixIsOneAddress() {
		String config = KeepalivedConfigs
			.render(new KeepalivedConfigs.Spec("orders", "192.0.2.10", "ens3", 7, NGINX_A, List.of(HAPROXY_B), NGINX_A),
					Instant.parse("2025-06-01T12:00:00Z"), "1.2.3-golden")
			.content();
		assertThat(config).contains("192.0.2.10/32 dev ens3", "interface ens3");
	}

	@Test
	void theRealKeepalivedAcceptsBothFiles(@TempDir Path dir) throws Exception {
		Path keepalived = Path.of("/usr/sbin/keepalived");
		assumeTrue(Files.isExecutable(keepalived),
				"keepalived is not installed (lab/install installs it): its own config test is skipped");
		for (KeepalivedConfigs.Peer target : List.of(NGINX_A, HAPROXY_B)) {
			Path file = dir.resolve("keepalived-" + target.id() + ".conf");
			Files.writeString(file, render(target));
			// -t only parses and checks the file: nothing starts, no address moves.
			Process process = new ProcessBuilder(keepalived.toString(), "-t", "-l", "-D", "-f", file.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(output).isZero();
		}
	}

	private static String render(KeepalivedConfigs.Peer target) {
		RenderedConfig config = KeepalivedConfigs.render(new KeepalivedConfigs.Spec("orders.eu", "192.0.2.10/24",
				"eth0", 51, NGINX_A, List.of(HAPROXY_B), target), Instant.parse("2025-06-01T12:00:00Z"),
				"1.2.3-golden");
		assertThat(config.fileName()).isEqualTo("keepalived.conf");
		return config.content();
	}

	private static void assertGolden(String name, String content) throws IOException {
		Path golden = GOLDEN.resolve(name);
		if (Boolean.getBoolean("warren.golden.update")) {
			Files.createDirectories(GOLDEN);
			Files.writeString(golden, content, StandardCharsets.UTF_8);
		}
		assertThat(golden).as("golden file; create it with -Dwarren.golden.update=true").exists();
		assertThat(content).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
	}

}
