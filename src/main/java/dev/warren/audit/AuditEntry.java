package dev.warren.audit;

/**
 * What a module asks the audit log to record. {@code before} and {@code after} are views
 * of the resource without secrets (records serialised as JSON); either may be
 * {@code null}.
 */
public record AuditEntry(String action, String targetType, String targetId, String summary, Object before,
		Object after) {

	public static AuditEntry created(String targetType, Object id, String summary, Object after) {
		return new AuditEntry("CREATE", targetType, String.valueOf(id), summary, null, after);
	}

	public static AuditEntry updated(String targetType, Object id, String summary, Object before, Object after) {
		return new AuditEntry("UPDATE", targetType, String.valueOf(id), summary, before, after);
	}

	public static AuditEntry deleted(String targetType, Object id, String summary, Object before) {
		return new AuditEntry("DELETE", targetType, String.valueOf(id), summary, before, null);
	}

}
