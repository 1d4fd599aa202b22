package dev.warren.audit;

import java.time.Instant;

/**
 * One audit record as pages and the API show it.
 */
public record AuditView(Long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
		String summary, String before, String after, String remoteAddress) {

}
