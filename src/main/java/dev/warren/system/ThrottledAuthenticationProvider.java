package dev.warren.system;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;

/**
 * Checks the throttle before the password, for page logins and HTTP Basic alike.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		java.util.Optional<java.time.Duration> wait = this.throttle.waitFor(authentication.getName(),
				LoginThrottle.remoteAddress(authentication.getDetails()));
		if (wait.isPresent()) {
			throw new LockedException(
					"Too many failed logins for this user from your address; try again in " + inWords(wait.get()));
		}
		return this.delegate.authenticate(authentication);
	}

	static String inWords(java.time.Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		return (seconds < 60) ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
