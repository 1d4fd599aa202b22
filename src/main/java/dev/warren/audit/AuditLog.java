package dev.warren.audit;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import dev.warren.shared.Actor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log. {@link #record} joins the caller's transaction, so a change and its
 * audit record are committed together or not at all.
 */
@Service
public class AuditLog {

	static final int PAGE_SIZE = 25;

	private static final int MAX_STATE = 20000;

	private final AuditRecordRepository repository;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(AuditRecordRepository repository, JsonMapper json, Clock clock) {
		this.repository = repository;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditEntry entry) {
		save(Actor.current(), entry, currentRemoteAddress());
	}

	/**
	 * Records an event outside any business transaction, such as a login.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordAs(String actor, AuditEntry entry, String remoteAddress) {
		save(actor, entry, remoteAddress);
	}

	private void save(String actor, AuditEntry entry, String remoteAddress) {
		this.repository.save(new AuditRecord(this.clock.instant(), truncate(actor, 128), entry.action(),
				entry.targetType(), entry.targetId(), truncate(entry.summary(), 1000), toJson(entry.before()),
				toJson(entry.after()), truncate(remoteAddress, 64)));
	}

	@Transactional(readOnly = true)
	public Page<AuditView> search(AuditFilter filter, int page) {
		PageRequest request = PageRequest.of(Math.max(page, 0), PAGE_SIZE,
				Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id")));
		return this.repository.findAll(toSpecification(filter), request).map(AuditRecord::toView);
	}

	@Transactional(readOnly = true)
	public List<String> actors() {
		return this.repository.findActors();
	}

	@Transactional(readOnly = true)
	public List<String> actions() {
		return this.repository.findActions();
	}

	@Transactional(readOnly = true)
	public List<String> targetTypes() {
		return this.repository.findTargetTypes();
	}

	private static Specification<AuditRecord> toSpecification(AuditFilter filter) {
		Specification<AuditRecord> specification = Specification.unrestricted();
		if (hasText(filter.actor())) {
			specification = specification.and((root, query, cb) -> cb.equal(root.get("actor"), filter.actor()));
		}
		if (hasText(filter.action())) {
			specification = specification.and((root, query, cb) -> cb.equal(root.get("action"), filter.action()));
		}
		if (hasText(filter.targetType())) {
			specification = specification
				.and((root, query, cb) -> cb.equal(root.get("targetType"), filter.targetType()));
		}
		if (hasText(filter.text())) {
			String pattern = "%" + filter.text()
				.toLowerCase(Locale.ROOT)
				.replace("\\", "\\\\")
				.replace("%", "\\%")
				.replace("_", "\\_") + "%";
			specification = specification
				.and((root, query, cb) -> cb.like(cb.lower(root.get("summary")), pattern, '\\'));
		}
		return specification;
	}

	private String toJson(Object state) {
		if (state == null) {
			return null;
		}
		return truncate((state instanceof String text) ? text : this.json.writeValueAsString(state), MAX_STATE);
	}

	private static String currentRemoteAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max - 1) + "…";
	}

}
