package dev.warren.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Alerts: a JSON POST to {@code warren.health.webhook.url} on every state change (except
 * a target's first UP when monitoring starts), retried with exponential backoff by a
 * {@link RetryTemplate}. Deliveries run one after another on a thread of their own, so
 * they keep their order and never hold up a probe. Each delivery, successful or finally
 * failed, is recorded in the audit log.
 */
@Component
public class HealthWebhook {

	static final String ACTOR = "health-monitor";

	private static final Logger log = LoggerFactory.getLogger(HealthWebhook.class);

	private final HealthProperties.Webhook settings;

	private final AuditLog auditLog;

	private final JsonMapper json;

	private final HttpClient client;

	private final RetryTemplate retry;

	private final ThreadPoolExecutor deliveries;

	HealthWebhook(HealthProperties properties, AuditLog auditLog, JsonMapper json) {
		this.settings = properties.webhook();
		this.auditLog = auditLog;
		this.json = json;
		this.client = HttpClient.newBuilder()
			.connectTimeout(this.settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(this.settings.maxRetries())
			.delay(this.settings.backoff())
			.multiplier(2)
			.maxDelay(this.settings.backoff().multipliedBy(32))
			.build());
		this.deliveries = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1000),
				(runnable) -> {
					Thread thread = new Thread(runnable, "health-webhook");
					thread.setDaemon(true);
					return thread;
				}, (runnable, executor) -> log.warn("Health webhook queue full: a state change alert was dropped"));
	}

	@EventListener
	void stateChanged(HealthStateChanged event) {
		if (!this.settings.enabled() || (event.from() == HealthState.UNKNOWN && event.to() == HealthState.UP)) {
			return;
		}
		this.deliveries.execute(() -> deliver(event));
	}

	void deliver(HealthStateChanged event) {
		String what = event.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + event.name() + " " + event.from()
				+ " → " + event.to();
		deliver(payload(event), what, "HEALTH_" + event.kind().name(), event.id());
	}

	/**
	 * Sends another module's event to the same webhook, with the same retries and audit:
	 * {@code {"event": event, …details}}. Nothing happens when no webhook is configured.
	 * @param what the event in a few words, for the audit log
	 */
	public void send(String event, String targetType, long targetId, String what, Map<String, Object> details) {
		if (!this.settings.enabled()) {
			return;
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", event);
		payload.putAll(details);
		this.deliveries.execute(() -> deliver(payload, what, targetType, targetId));
	}

	private void deliver(Map<String, Object> payload, String what, String targetType, long targetId) {
		String body = this.json.writeValueAsString(payload);
		AtomicInteger attempts = new AtomicInteger();
		try {
			this.retry.execute(() -> {
				attempts.incrementAndGet();
				post(body);
				return null;
			});
			audit(targetType, targetId, payload,
					"Webhook delivered to " + destination() + ": " + what + " (attempt " + attempts.get() + ")");
		}
		catch (RetryException ex) {
			Throwable last = (ex.getLastException() != null) ? ex.getLastException() : ex;
			log.warn("Health webhook to {} failed after {} attempts: {}", destination(), attempts.get(),
					last.getMessage());
			audit(targetType, targetId, payload, "Webhook to " + destination() + " FAILED after " + attempts.get()
					+ " attempts: " + what + ": " + last.getMessage());
		}
	}

	static Map<String, Object> payload(HealthStateChanged event) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("event", "warren.health.state_changed");
		payload.put("kind", event.kind().name());
		payload.put("id", event.id());
		payload.put("name", event.name());
		payload.put("clusterId", event.clusterId());
		payload.put("from", event.from().name());
		payload.put("to", event.to().name());
		payload.put("at", event.at().toString());
		payload.put("detail", event.detail());
		return payload;
	}

	private void post(String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.settings.url()))
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Warren health webhook")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("HTTP " + response.statusCode());
		}
	}

	private void audit(String targetType, long targetId, Map<String, Object> payload, String summary) {
		try {
			this.auditLog.recordAs(ACTOR,
					new AuditEntry("WEBHOOK", targetType, String.valueOf(targetId), summary, null, payload), null);
		}
		catch (RuntimeException ex) {
			log.warn("Could not audit a health webhook delivery: {}", ex.toString());
		}
	}

	/** Where alerts go, without path or query (a webhook URL often carries a token). */
	private String destination() {
		try {
			URI uri = URI.create(this.settings.url());
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "");
		}
		catch (IllegalArgumentException ex) {
			return "the configured URL";
		}
	}

	@PreDestroy
	void close() {
		this.deliveries.shutdownNow();
	}

}
