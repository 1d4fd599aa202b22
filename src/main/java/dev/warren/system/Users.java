package dev.warren.system;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users. There is always at least one enabled ADMIN once setup is done: the last
 * one cannot be demoted, disabled or deleted.
 */
@Service
@Transactional
public class Users {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	private static final String TYPE = "USER";

	private final UserAccountRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog auditLog;

	private final Clock clock;

	Users(UserAccountRepository repository, PasswordEncoder passwordEncoder, AuditLog auditLog, Clock clock) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public boolean anyExists() {
		return this.repository.count() > 0;
	}

	@Transactional(readOnly = true)
	public List<UserView> list() {
		return this.repository.findAllByOrderByUsernameAsc().stream().map(UserAccount::toView).toList();
	}

	@Transactional(readOnly = true)
	public UserView get(long id) {
		return find(id).toView();
	}

	public UserView create(String username, String password, Role role) {
		String name = (username != null) ? username.strip() : "";
		if (!USERNAME.matcher(name).matches()) {
			throw new InvalidFieldException("username",
					"must be 1 to 64 letters, digits or . _ @ - and start with a letter or digit");
		}
		if (role == null) {
			throw new InvalidFieldException("role", "choose a role");
		}
		this.repository.findByUsernameIgnoreCase(name).ifPresent((existing) -> {
			throw new ConflictException("username", "A user named '" + existing.username() + "' already exists");
		});
		UserAccount user = new UserAccount(name, this.passwordEncoder.encode(NewPassword.check("password", password)),
				role, this.clock.instant());
		this.repository.saveAndFlush(user);
		UserView view = user.toView();
		this.auditLog.record(AuditEntry.created(TYPE, view.id(),
				"Created user '" + view.username() + "' with role " + view.role(), view));
		return view;
	}

	public UserView change(long id, Role role, boolean enabled) {
		UserAccount user = find(id);
		UserView before = user.toView();
		if (role == null) {
			throw new InvalidFieldException("role", "choose a role");
		}
		boolean losesAdmin = user.role() == Role.ADMIN && user.enabled() && (role != Role.ADMIN || !enabled);
		if (losesAdmin && this.repository.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
			throw new ConflictException("role",
					"'" + user.username() + "' is the last enabled admin; " + "make another user an admin first");
		}
		user.change(role, enabled, this.clock.instant());
		UserView after = user.toView();
		this.auditLog.record(AuditEntry.updated(TYPE, id, "Changed user '" + after.username() + "': role "
				+ after.role() + (after.enabled() ? ", enabled" : ", disabled"), before, after));
		return after;
	}

	public void resetPassword(long id, String password) {
		UserAccount user = find(id);
		user.passwordHash(this.passwordEncoder.encode(NewPassword.check("password", password)), this.clock.instant());
		this.auditLog.record(new AuditEntry("PASSWORD", TYPE, String.valueOf(id),
				"Set a new password for '" + user.username() + "'", null, null));
	}

	public void changeOwnPassword(String username, String currentPassword, String newPassword) {
		UserAccount user = this.repository.findByUsernameIgnoreCase(username)
			.orElseThrow(() -> new NotFoundException("User", username));
		if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, user.passwordHash())) {
			throw new InvalidFieldException("currentPassword", "is not your current password");
		}
		user.passwordHash(this.passwordEncoder.encode(NewPassword.check("newPassword", newPassword)),
				this.clock.instant());
		this.auditLog.record(new AuditEntry("PASSWORD", TYPE, String.valueOf(user.id()),
				"'" + user.username() + "' changed their password", null, null));
	}

	public void delete(long id, String actingUsername) {
		UserAccount user = find(id);
		if (user.username().equalsIgnoreCase(actingUsername)) {
			throw new ConflictException(null, "You cannot delete your own account");
		}
		if (user.role() == Role.ADMIN && user.enabled() && this.repository.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
			throw new ConflictException(null, "'" + user.username() + "' is the last enabled admin");
		}
		UserView before = user.toView();
		this.repository.delete(user);
		this.auditLog.record(AuditEntry.deleted(TYPE, id, "Deleted user '" + before.username() + "'", before));
	}

	UserAccount find(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("User", id));
	}

}
