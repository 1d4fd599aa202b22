package dev.warren.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.warren.audit.AuditFilter;
import dev.warren.audit.AuditLog;
import dev.warren.audit.AuditView;
import dev.warren.support.LabCluster;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook against a local HTTP server that fails twice and then accepts, or always
 * fails: retried with backoff, and every delivery in the audit log.
 */
@WarrenTest
class HealthWebhookTests {

	static final HttpServer server;

	static final AtomicInteger failuresLeft = new AtomicInteger();

	static final List<String> bodies = new CopyOnWriteArrayList<>();

	static final List<Long> arrivals = new CopyOnWriteArrayList<>();

	static {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.createContext("/hook", (exchange) -> {
			bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			arrivals.add(System.nanoTime());
			int status = (failuresLeft.getAndDecrement() > 0) ? 500 : 204;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("warren.health.webhook.url",
				() -> "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=secret");
		registry.add("warren.health.webhook.max-retries", () -> "3");
		registry.add("warren.health.webhook.backoff", () -> "100ms");
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	AuditLog auditLog;

	@BeforeEach
	void reset() {
		bodies.clear();
		arrivals.clear();
	}

	@Test
	void retriesWithBackoffUntilTheReceiverAcceptsAndAuditsTheDelivery() {
		failuresLeft.set(2);
		long id = 4242;
		this.publisher.publishEvent(new HealthStateChanged(TargetKind.NODE, id, "rabbit@a", 7L, HealthState.UP,
				HealthState.DOWN, Instant.parse("2026-11-26T03:00:00Z"), "connection refused"));

		AuditView audit = awaitAudit(id);
		assertThat(bodies).hasSize(3);
		assertThat(bodies.get(2)).contains("\"event\":\"warren.health.state_changed\"", "\"kind\":\"NODE\"",
				"\"id\":4242", "\"name\":\"rabbit@a\"", "\"clusterId\":7", "\"from\":\"UP\"", "\"to\":\"DOWN\"",
				"\"at\":\"2026-11-26T03:00:00Z\"", "\"detail\":\"connection refused\"");
		// 100 ms, then 200 ms between attempts.
		assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(90));
		assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(180));
		assertThat(audit.actor()).isEqualTo(HealthWebhook.ACTOR);
		assertThat(audit.summary()).startsWith("Webhook delivered to http://127.0.0.1:")
			.endsWith("node rabbit@a UP → DOWN (attempt 3)")
			.doesNotContain("secret");
	}

	@Test
	void aReceiverThatKeepsFailingIsAuditedAsAFailureAfterEveryRetry() {
		failuresLeft.set(100);
		long id = 4343;
		this.publisher.publishEvent(new HealthStateChanged(TargetKind.BALANCER, id, "lb", 7L, HealthState.UP,
				HealthState.NOT_RESPONDING, Instant.now(), "no answer"));

		AuditView audit = awaitAudit(id);
		assertThat(bodies).hasSize(4);
		assertThat(audit.summary()).contains("FAILED after 4 attempts", "balancer lb UP → NOT_RESPONDING", "HTTP 500");
	}

	@Test
	void aTargetsFirstUpIsNotAnAlert() throws InterruptedException {
		failuresLeft.set(0);
		this.publisher.publishEvent(new HealthStateChanged(TargetKind.NODE, 4444, "rabbit@b", 7L, HealthState.UNKNOWN,
				HealthState.UP, Instant.now(), "ok"));
		this.publisher.publishEvent(new HealthStateChanged(TargetKind.NODE, 4445, "rabbit@c", 7L, HealthState.UNKNOWN,
				HealthState.DOWN, Instant.now(), "refused"));
		awaitAudit(4445);
		assertThat(bodies).singleElement().asString().contains("rabbit@c");
	}

	AuditView awaitAudit(long id) {
		LabCluster.waitUntil(Duration.ofSeconds(10), () -> find(id) != null);
		return find(id);
	}

	AuditView find(long id) {
		return this.auditLog.search(new AuditFilter(HealthWebhook.ACTOR, "WEBHOOK", null, null), 0)
			.getContent()
			.stream()
			.filter((entry) -> String.valueOf(id).equals(entry.targetId()))
			.findFirst()
			.orElse(null);
	}

}
