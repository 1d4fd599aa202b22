package dev.warren.system;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing is slowed per user name and address with a doubling wait, so that nobody can
 * lock an administrator out from somewhere else (issue 17).
 */
class LoginThrottleTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(
			new WarrenProperties(Path.of("data"), new WarrenProperties.Admin(null, null),
					new WarrenProperties.LoginThrottle(5, Duration.ofSeconds(1), Duration.ofMinutes(15))),
			new Clock() {
				@Override
				public Instant instant() {
					return LoginThrottleTests.this.now.get();
				}

				@Override
				public java.time.ZoneId getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}
			});

	@Test
	void fiveFailuresAreFreeThenTheWaitDoublesUpToTheWindow() {
		fail("admin", "127.0.0.9", 4);
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).isEmpty();
		fail("admin", "127.0.0.9", 1);
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).contains(Duration.ofSeconds(1));
		fail("admin", "127.0.0.9", 1);
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).contains(Duration.ofSeconds(2));
		fail("admin", "127.0.0.9", 3);
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).contains(Duration.ofSeconds(16));
		fail("admin", "127.0.0.9", 20);
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).contains(Duration.ofMinutes(15));

		this.now.set(this.now.get().plus(Duration.ofMinutes(15)));
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).as("the longest wait ends").isEmpty();
	}

	@Test
	void aGuesserElsewhereNeverLocksTheUserOutOfTheirOwnAddress() {
		fail("Admin", "127.0.0.66", 50);
		assertThat(this.throttle.waitFor("admin", "127.0.0.66")).isPresent();
		assertThat(this.throttle.waitFor("admin", "127.0.0.7")).isEmpty();
	}

	@Test
	void anAddressThatSpraysManyNamesWaitsForAllOfThem() {
		for (int i = 0; i < 20; i++) {
			fail("user-" + i, "127.0.0.66", 1);
		}
		assertThat(this.throttle.waitFor("someone-else", "127.0.0.66")).contains(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("someone-else", "127.0.0.7")).isEmpty();
	}

	@Test
	void aSuccessfulLoginClearsItsPair() {
		fail("admin", "127.0.0.9", 4);
		this.throttle.onSuccess(new AuthenticationSuccessEvent(token("admin", "127.0.0.9")));
		fail("admin", "127.0.0.9", 4);
		assertThat(this.throttle.waitFor("admin", "127.0.0.9")).isEmpty();
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.onFailure(new AuthenticationFailureBadCredentialsEvent(token(username, address),
					new BadCredentialsException("wrong")));
		}
	}

	private static UsernamePasswordAuthenticationToken token(String username, String address) {
		HttpServletRequest request = new MockHttpServletRequest();
		((MockHttpServletRequest) request).setRemoteAddr(address);
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(username,
				"secret");
		token.setDetails(new WebAuthenticationDetails(request));
		return token;
	}

}
