package dev.warren.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting, for audit records: the logged-in user, or {@code system} for work the
 * console does by itself.
 */
public final class Actor {

	public static final String SYSTEM = "system";

	private Actor() {
	}

	public static String current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
			return SYSTEM;
		}
		return authentication.getName();
	}

}
