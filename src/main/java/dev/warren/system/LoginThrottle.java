package dev.warren.system;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address. Past the limit, logins for
 * that name (or from that address) are refused until the window has passed without new
 * failures, whatever the password: a guesser learns nothing more.
 */
@Component
class LoginThrottle {

	private static final int ADDRESS_FACTOR = 4;

	private final int maxFailures;

	private final Duration window;

	private final Cache<String, AtomicInteger> failures;

	LoginThrottle(WarrenProperties properties) {
		this.maxFailures = properties.loginThrottle().maxFailures();
		this.window = properties.loginThrottle().window();
		this.failures = Caffeine.newBuilder().expireAfterWrite(this.window).maximumSize(100_000).build();
	}

	boolean isBlocked(String username, String remoteAddress) {
		return count(userKey(username)) >= this.maxFailures
				|| (remoteAddress != null && count(addressKey(remoteAddress)) >= this.maxFailures * ADDRESS_FACTOR);
	}

	Duration window() {
		return this.window;
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureServiceExceptionEvent) {
			// The console failed (its database did not answer), not the password.
			return;
		}
		increment(userKey(event.getAuthentication().getName()));
		String address = remoteAddress(event.getAuthentication().getDetails());
		if (address != null) {
			increment(addressKey(address));
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		this.failures.invalidate(userKey(event.getAuthentication().getName()));
	}

	static String remoteAddress(Object details) {
		return (details instanceof WebAuthenticationDetails web) ? web.getRemoteAddress() : null;
	}

	private int count(String key) {
		AtomicInteger count = this.failures.getIfPresent(key);
		return (count != null) ? count.get() : 0;
	}

	private void increment(String key) {
		// Re-inserting restarts the window, so a guesser who keeps trying stays locked
		// out.
		AtomicInteger count = this.failures.get(key, (k) -> new AtomicInteger());
		count.incrementAndGet();
		this.failures.put(key, count);
	}

	private static String userKey(String username) {
		return "user:" + String.valueOf(username).toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

}
