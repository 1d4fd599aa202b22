package dev.warren.support;

import dev.warren.system.Role;
import dev.warren.system.Users;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * The three test users, one per role, created once per application context. Requests
 * carry their credentials through real HTTP Basic authentication.
 */
@TestComponent
public class Accounts implements InitializingBean {

	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	public static final String OPERATOR = "operator";

	public static final String VIEWER = "viewer";

	public static final String PASSWORD = "password-for-tests";

	private final Users users;

	public Accounts(Users users) {
		this.users = users;
	}

	@Override
	public void afterPropertiesSet() {
		// Runs before FirstRunSetup would create the admin from the properties, so create
		// all three.
		if (this.users.list().stream().noneMatch((u) -> u.username().equals(OPERATOR))) {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ADMIN, null, java.util.List.of()));
			try {
				this.users.create(ADMIN, ADMIN_PASSWORD, Role.ADMIN);
				this.users.create(OPERATOR, PASSWORD, Role.OPERATOR);
				this.users.create(VIEWER, PASSWORD, Role.VIEWER);
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		}
	}

	/**
	 * Logs in through the real login form and returns the session, as a browser would
	 * hold it.
	 */
	public static org.springframework.mock.web.MockHttpSession login(
			org.springframework.test.web.servlet.assertj.MockMvcTester mvc, String user) {
		String password = ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD;
		return (org.springframework.mock.web.MockHttpSession) mvc.post()
			.uri("/login")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("username", user)
			.param("password", password)
			.exchange()
			.getRequest()
			.getSession();
	}

	public static RequestPostProcessor asAdmin() {
		return httpBasic(ADMIN, ADMIN_PASSWORD);
	}

	public static RequestPostProcessor asOperator() {
		return httpBasic(OPERATOR, PASSWORD);
	}

	public static RequestPostProcessor asViewer() {
		return httpBasic(VIEWER, PASSWORD);
	}

}
