package dev.warren.system;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks up console users for the password check. Not a bean of its own: the throttled
 * provider wraps it, and Spring Security would otherwise warn about two ways to log in.
 */
class AccountDetailsService implements UserDetailsService {

	private final UserAccountRepository repository;

	AccountDetailsService(UserAccountRepository repository) {
		this.repository = repository;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = this.repository.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return User.withUsername(account.username())
			.password(account.passwordHash())
			.authorities(account.role().authority())
			.disabled(!account.enabled())
			.build();
	}

}
