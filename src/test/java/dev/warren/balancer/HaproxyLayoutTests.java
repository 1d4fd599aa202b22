package dev.warren.balancer;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HaproxyLayoutTests {

	@Test
	void findsTheAdminSocketOfTheConfigWarrenRenders() throws IOException {
		HaproxyLayout layout = HaproxyLayout
			.parse(Files.readString(BalancerConfigsTests.GOLDEN.resolve("haproxy-round-robin.cfg")));

		assertThat(layout.adminSocket()).map(HaproxyLayout.StatsSocket::path).contains("/run/haproxy/admin.sock");
		assertThat(layout.chroot()).contains("/var/lib/haproxy");
		assertThat(layout.masterWorker()).isFalse();
		assertThat(layout.pidFile()).isEmpty();
	}

	@Test
	void readsOnlyTheGlobalSectionAndTakesHaproxysDefaultLevel() {
		HaproxyLayout layout = HaproxyLayout.parse("""
				global
				    master-worker
				    pidfile /var/run/haproxy.pid   # written by the master
				    stats socket ipv4@127.0.0.1:9999 level operator
				    stats socket /var/run/haproxy-ro.sock mode 600
				    # stats socket /var/run/commented.sock level admin
				    stats socket unix@/var/run/haproxy.sock mode 660 level admin expose-fd listeners

				listen stats
				    stats socket /var/run/not-global.sock level admin
				""");

		assertThat(layout.statsSockets()).extracting(HaproxyLayout.StatsSocket::level)
			.containsExactly("operator", "user", "admin");
		assertThat(layout.adminSocket()).map(HaproxyLayout.StatsSocket::path).contains("/var/run/haproxy.sock");
		assertThat(layout.statsSockets().get(0).unix()).isFalse();
		assertThat(layout.masterWorker()).isTrue();
		assertThat(layout.pidFile()).contains("/var/run/haproxy.pid");
	}

	@Test
	void hasNoAdminSocketWhenEverySocketIsReadOnly() {
		assertThat(HaproxyLayout.parse("global\n  stats socket /run/haproxy.sock level user\n").adminSocket())
			.isEmpty();
	}

}
