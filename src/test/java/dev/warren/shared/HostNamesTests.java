package dev.warren.shared;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HostNamesTests {

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "ServerA", "rabbit-1.prod.example.com", "a", "127.0.0.1", "10.0.0.255", "::1",
			"fe80::1", "2001:db8::8a2e:370:7334", "xn--bcher-kva.example" })
	void acceptsDnsNamesAndIpLiterals(String host) {
		assertThat(HostNames.isValidHost(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "host name", "host;id", "$(id)", "`id`", "-leading", "trailing-", "a..b", ".a",
			"a.", "256.1.1.1", "01.2.3.4", "1.2.3", "::zz", "host\n", "hôst", "ｈｏｓｔ", "a_b", "*", "host:22", "[::1]" })
	void refusesEverythingElse(String host) {
		assertThat(HostNames.isValidHost(host)).isFalse();
	}

	@Test
	void refusesOverlongNamesAndLabels() {
		assertThat(HostNames.isValidHost("a".repeat(63) + ".example")).isTrue();
		assertThat(HostNames.isValidHost("a".repeat(64) + ".example")).isFalse();
		assertThat(HostNames.isValidHost(("a".repeat(60) + ".").repeat(5) + "x")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "rabbit@ServerA", "rabbit@localhost", "hare@vm", "rabbit_2@host-1.example.com",
			"rabbit@10.0.0.1" })
	void acceptsNodeNames(String name) {
		assertThat(NodeNames.isValid(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "rabbit", "@host", "rabbit@", "a@b@c", "rab bit@host", "rabbit@host;id", "rabbit@::1",
			"räbbit@host", "rabbit@$(id)" })
	void refusesMalformedNodeNames(String name) {
		assertThat(NodeNames.isValid(name)).isFalse();
	}

	@Test
	void keepsTheHostPartExactly() {
		assertThat(NodeNames.hostPart("rabbit@ServerA")).isEqualTo("ServerA");
	}

}
