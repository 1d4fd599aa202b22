package dev.warren.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without handing a guesser the power to lock anyone out.
 * Failures are counted per user name and client address, and per client address for all
 * names (password spraying, four times the limit). Past the limit, each further failure
 * makes that pair (or address) wait longer: {@code firstDelay}, then twice as long, up to
 * {@code window}. While it waits, every login for it is refused whatever the password, so
 * the guesser learns nothing; the same user from another address is not affected, and a
 * successful login clears its pair.
 */
@Component
class LoginThrottle {

	private static final int ADDRESS_FACTOR = 4;

	private static final int MAX_DOUBLINGS = 30;

	private final int maxFailures;

	private final Duration firstDelay;

	private final Duration window;

	private final Clock clock;

	private final Cache<String, Failures> failures;

	LoginThrottle(WarrenProperties properties, Clock clock) {
		this.maxFailures = properties.loginThrottle().maxFailures();
		this.firstDelay = properties.loginThrottle().firstDelay();
		this.window = properties.loginThrottle().window();
		this.clock = clock;
		this.failures = Caffeine.newBuilder()
			.expireAfterWrite(this.window.multipliedBy(2))
			.maximumSize(100_000)
			.build();
	}

	/**
	 * How long logins for this user from this address must still wait, if at all.
	 */
	Optional<Duration> waitFor(String username, String remoteAddress) {
		Instant now = this.clock.instant();
		Duration pair = remaining(pairKey(username, remoteAddress), this.maxFailures, now);
		Duration address = (remoteAddress != null)
				? remaining(addressKey(remoteAddress), this.maxFailures * ADDRESS_FACTOR, now) : Duration.ZERO;
		Duration longest = (pair.compareTo(address) >= 0) ? pair : address;
		return (longest.isZero() || longest.isNegative()) ? Optional.empty() : Optional.of(longest);
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureServiceExceptionEvent) {
			// The console failed (its database did not answer), not the password.
			return;
		}
		String address = remoteAddress(event.getAuthentication().getDetails());
		Instant now = this.clock.instant();
		record(pairKey(event.getAuthentication().getName(), address), now);
		if (address != null) {
			record(addressKey(address), now);
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		this.failures.invalidate(
				pairKey(event.getAuthentication().getName(), remoteAddress(event.getAuthentication().getDetails())));
	}

	static String remoteAddress(Object details) {
		return (details instanceof WebAuthenticationDetails web) ? web.getRemoteAddress() : null;
	}

	private Duration remaining(String key, int limit, Instant now) {
		Failures recorded = this.failures.getIfPresent(key);
		if (recorded == null || recorded.count() < limit) {
			return Duration.ZERO;
		}
		Duration delay = delay(recorded.count() - limit);
		Duration left = Duration.between(now, recorded.last().plus(delay));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/** The wait after the n-th failure past the limit (0 = the one that reached it). */
	Duration delay(int pastLimit) {
		Duration delay = this.firstDelay.multipliedBy(1L << Math.min(pastLimit, MAX_DOUBLINGS));
		return (delay.compareTo(this.window) > 0 || delay.isNegative()) ? this.window : delay;
	}

	private void record(String key, Instant now) {
		this.failures.asMap().merge(key, new Failures(1, now), (old, added) -> new Failures(old.count() + 1, now));
	}

	private static String pairKey(String username, String address) {
		return "user:" + String.valueOf(username).toLowerCase(Locale.ROOT) + "|" + address;
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	private record Failures(int count, Instant last) {

	}

}
