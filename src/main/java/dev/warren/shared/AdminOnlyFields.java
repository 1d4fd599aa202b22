package dev.warren.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may define what runs as root on a host: the command lines Warren runs there (a
 * balancer's validate and reload commands, a server's {@code rabbitmqctl} path) and
 * whether they run through sudo are changed by ADMINs only. An OPERATOR runs what an
 * ADMIN defined and may change everything else. Work the console does by itself (no
 * logged-in user) is not limited.
 */
public final class AdminOnlyFields {

	private static final String ADMIN = "ROLE_ADMIN";

	private final List<FieldProblem> problems = new ArrayList<>();

	private final boolean admin;

	private AdminOnlyFields(boolean admin) {
		this.admin = admin;
	}

	/** A check of the current user's changes. */
	public static AdminOnlyFields check() {
		return new AdminOnlyFields(currentUserMay());
	}

	/** Whether the current user may change ADMIN-only fields (for forms: read-only). */
	public static boolean currentUserMay() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			return true;
		}
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMIN::equals);
	}

	/**
	 * Refuses a change of {@code field} from {@code current} to {@code requested} unless
	 * the user is an ADMIN.
	 */
	public AdminOnlyFields field(String field, Object current, Object requested) {
		if (!this.admin && !Objects.equals(current, requested)) {
			this.problems.add(new FieldProblem(field,
					"only an ADMIN may change this: it defines what Warren runs on the host, as root where sudo "
							+ "is on (it stays " + (Objects.toString(current, "unset")) + ")"));
		}
		return this;
	}

	/**
	 * @throws AdminOnlyFieldException naming every refused field
	 */
	public void orRefuse() {
		if (!this.problems.isEmpty()) {
			throw new AdminOnlyFieldException(this.problems);
		}
	}

}
