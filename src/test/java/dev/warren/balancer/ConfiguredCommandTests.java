package dev.warren.balancer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConfiguredCommandTests {

	@Test
	void splitsOnSpacesAndPutsTheFileInPlaceOfItsToken() {
		assertThat(ConfiguredCommand.parse("nginx -t -p /tmp/lab/nginx  -c {file}", "/etc/nginx/nginx.conf.warren-new")
			.arguments())
			.containsExactly("nginx", "-t", "-p", "/tmp/lab/nginx", "-c", "/etc/nginx/nginx.conf.warren-new");
	}

	@Test
	void keepsQuotedSpacesInOneArgument() {
		assertThat(ConfiguredCommand.parse("\"C:/Program Files/nginx/nginx.exe\" -t -c \"{file}\"", "C:/a b/nginx.conf")
			.arguments()).containsExactly("C:/Program Files/nginx/nginx.exe", "-t", "-c", "C:/a b/nginx.conf");
		assertThat(ConfiguredCommand.parse("haproxy -c -f {file} \"\"", "x").arguments()).containsExactly("haproxy",
				"-c", "-f", "x", "");
	}

	@Test
	void tellsWhetherACommandNamesTheFileItChecks() {
		assertThat(ConfiguredCommand.namesFile("nginx -t -c {file}")).isTrue();
		assertThat(ConfiguredCommand.namesFile("haproxy -c -f {file}")).isTrue();
		assertThat(ConfiguredCommand.namesFile("\"C:/Program Files/nginx/nginx.exe\" -t -c \"{file}\"")).isTrue();
		assertThat(ConfiguredCommand.namesFile("nginx -t -c /etc/nginx/{file}.conf")).isTrue();
		assertThat(ConfiguredCommand.namesFile("nginx -t")).isFalse();
		assertThat(ConfiguredCommand.namesFile("nginx.exe -t")).isFalse();
		assertThat(ConfiguredCommand.namesFile("nginx -t -c /etc/nginx/nginx.conf")).isFalse();
		assertThat(ConfiguredCommand.namesFile("nginx -t -c {files}")).isFalse();
	}

	@Test
	void theDefaultsOfEachLayoutNameTheFileExceptAnIncludeFile() {
		for (dev.warren.inventory.OperatingSystem os : dev.warren.inventory.OperatingSystem.values()) {
			assertThat(ConfiguredCommand
				.namesFile(BalancerKind.NGINX.defaults(os, NginxLayout.FULL_CONFIG).validateCommand())).isTrue();
			assertThat(ConfiguredCommand.namesFile(BalancerKind.HAPROXY.defaults(os).validateCommand())).isTrue();
			assertThat(
					ConfiguredCommand.namesFile(BalancerKind.NGINX.defaults(os, NginxLayout.INCLUDE).validateCommand()))
				.isFalse();
		}
	}

	@Test
	void refusesAnUnbalancedQuote() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConfiguredCommand.parse("nginx \"-t", "x"));
	}

}
