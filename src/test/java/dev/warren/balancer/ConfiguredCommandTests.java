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
	void refusesAnUnbalancedQuote() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConfiguredCommand.parse("nginx \"-t", "x"));
	}

}
