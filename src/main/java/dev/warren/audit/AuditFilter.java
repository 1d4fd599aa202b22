package dev.warren.audit;

/**
 * Optional filters for the audit page; blank means "any".
 */
public record AuditFilter(String actor, String action, String targetType, String text) {

	public static AuditFilter none() {
		return new AuditFilter(null, null, null, null);
	}

}
