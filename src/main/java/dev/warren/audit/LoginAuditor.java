package dev.warren.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Records interactive logins and every failed authentication (page or API). Successful
 * HTTP Basic calls are not logins and are not recorded one by one.
 */
@Component
class LoginAuditor {

	private final AuditLog auditLog;

	LoginAuditor(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@EventListener
	void onLogin(InteractiveAuthenticationSuccessEvent event) {
		Authentication authentication = event.getAuthentication();
		this.auditLog.recordAs(authentication.getName(),
				new AuditEntry("LOGIN", "USER", authentication.getName(), "Logged in", null, null),
				remoteAddress(authentication));
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event instanceof AuthenticationFailureServiceExceptionEvent) {
			// The console could not look the user up (its database did not answer): not a
			// failed login, and writing the audit record would fail the same way.
			return;
		}
		Authentication authentication = event.getAuthentication();
		String name = String.valueOf(authentication.getName());
		this.auditLog.recordAs(name, new AuditEntry("LOGIN_FAILED", "USER", name,
				"Failed login: " + event.getException().getMessage(), null, null), remoteAddress(authentication));
	}

	private static String remoteAddress(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details) ? details.getRemoteAddress()
				: null;
	}

}
