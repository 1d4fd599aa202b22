package dev.warren.health;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * State changes (and, for those who ask, every probe result) pushed to API clients as
 * server-sent events. Sending happens on a thread of its own, so a slow client never
 * holds up a probe; a comment every 20 s keeps idle streams open through proxies and
 * finds clients that left.
 */
@Component
class HealthStream implements SmartLifecycle {

	static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

	static final Duration EMITTER_TIMEOUT = Duration.ofHours(1);

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService sender;

	HealthStream() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "health-sse");
			thread.setDaemon(true);
			return thread;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.sender = executor;
		this.sender.scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	SseEmitter subscribe(boolean samples) {
		SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
		Subscriber subscriber = new Subscriber(emitter, samples);
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onTimeout(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> this.subscribers.remove(subscriber));
		this.subscribers.add(subscriber);
		// An opening comment, so that the client sees the stream is live at once.
		this.sender.execute(() -> send(subscriber, SseEmitter.event().comment("health events")));
		return emitter;
	}

	int subscribers() {
		return this.subscribers.size();
	}

	@EventListener
	void stateChanged(HealthStateChanged event) {
		if (this.subscribers.isEmpty()) {
			return;
		}
		this.sender.execute(() -> this.subscribers.forEach((subscriber) -> send(subscriber,
				SseEmitter.event().name("state").data(event, MediaType.APPLICATION_JSON))));
	}

	@EventListener
	void sampled(HealthSampled sample) {
		if (this.subscribers.stream().noneMatch(Subscriber::samples)) {
			return;
		}
		this.sender.execute(() -> this.subscribers.stream()
			.filter(Subscriber::samples)
			.forEach((subscriber) -> send(subscriber,
					SseEmitter.event().name("sample").data(sample, MediaType.APPLICATION_JSON))));
	}

	private void keepAlive() {
		this.subscribers.forEach((subscriber) -> send(subscriber, SseEmitter.event().comment("keep-alive")));
	}

	private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
		try {
			subscriber.emitter().send(event);
		}
		catch (IOException | IllegalStateException ex) {
			this.subscribers.remove(subscriber);
			try {
				subscriber.emitter().completeWithError(ex);
			}
			catch (RuntimeException ignored) {
				// already completed
			}
		}
	}

	private volatile boolean running;

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends every open stream before the web server's graceful shutdown, which would
	 * otherwise wait for them until its timeout.
	 */
	@Override
	public void stop() {
		this.running = false;
		this.subscribers.forEach((subscriber) -> {
			try {
				subscriber.emitter().complete();
			}
			catch (RuntimeException ignored) {
				// already completed
			}
		});
		this.subscribers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@PreDestroy
	void close() {
		stop();
		this.sender.shutdownNow();
	}

	private record Subscriber(SseEmitter emitter, boolean samples) {

	}

}
