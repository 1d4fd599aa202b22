package dev.warren.clustering;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What happens in active runs, pushed to every page and API client watching them (SSE).
 * Each event has a sequence number, so a page rendered mid-run asks only for what came
 * after it and misses nothing.
 */
@Component
class RunEvents {

	private static final int MAX_EVENTS = 50_000;

	private static final long EMITTER_TIMEOUT = Duration.ofMinutes(30).toMillis();

	private final Map<Long, Channel> channels = new ConcurrentHashMap<>();

	/** One event: {@code type} is step, line, preflight or run. */
	record Event(long seq, String type, Map<String, Object> data) {

	}

	/**
	 * What a page needs to continue from: the last event it includes and the live output.
	 */
	record Snapshot(long lastSeq, Map<Integer, String> liveOutput) {

	}

	void open(long runId) {
		this.channels.computeIfAbsent(runId, (id) -> new Channel());
	}

	void publish(long runId, String type, Map<String, Object> data) {
		Channel channel = this.channels.computeIfAbsent(runId, (id) -> new Channel());
		channel.publish(type, data);
	}

	void line(long runId, int position, String stream, String text) {
		Channel channel = this.channels.computeIfAbsent(runId, (id) -> new Channel());
		channel.appendLive(position, text);
		channel.publish("line", Map.of("position", position, "stream", stream, "text", text));
	}

	Snapshot snapshot(long runId) {
		Channel channel = this.channels.get(runId);
		return (channel != null) ? channel.snapshot() : new Snapshot(0, Map.of());
	}

	/**
	 * Streams the run's events after {@code afterSeq}. A run that is not live gets its
	 * final event at once.
	 */
	SseEmitter subscribe(long runId, long afterSeq, Map<String, Object> finalState) {
		SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT);
		Channel channel = this.channels.get(runId);
		if (channel == null || channel.closed) {
			send(emitter, new Event((channel != null) ? channel.seq : 0, "run", finalState));
			emitter.complete();
			return emitter;
		}
		channel.subscribe(emitter, afterSeq);
		return emitter;
	}

	void close(long runId, Map<String, Object> finalState) {
		Channel channel = this.channels.get(runId);
		if (channel != null) {
			channel.publish("run", finalState);
			channel.close();
		}
	}

	/** Forgets finished runs' buffers; the database has their outcome. */
	void forget(long runId) {
		this.channels.remove(runId);
	}

	static boolean send(SseEmitter emitter, Event event) {
		try {
			emitter.send(SseEmitter.event()
				.id(Long.toString(event.seq()))
				.name(event.type())
				.data(event.data(), MediaType.APPLICATION_JSON));
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	private static final class Channel {

		private final List<Event> events = new ArrayList<>();

		private final Map<Integer, StringBuilder> live = new HashMap<>();

		private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

		private long seq;

		private volatile boolean closed;

		synchronized void publish(String type, Map<String, Object> data) {
			Event event = new Event(++this.seq, type, data);
			if (this.events.size() < MAX_EVENTS) {
				this.events.add(event);
			}
			if ("step".equals(type) && data.get("status") instanceof String status && !"RUNNING".equals(status)) {
				this.live.remove((Integer) data.get("position"));
			}
			this.emitters.removeIf((emitter) -> !send(emitter, event));
		}

		synchronized void appendLive(int position, String text) {
			StringBuilder output = this.live.computeIfAbsent(position, (p) -> new StringBuilder());
			if (output.length() < RunStep.MAX_OUTPUT) {
				output.append(text).append('\n');
			}
		}

		synchronized Snapshot snapshot() {
			Map<Integer, String> output = new HashMap<>();
			this.live.forEach((position, text) -> output.put(position, text.toString()));
			return new Snapshot(this.seq, output);
		}

		synchronized void subscribe(SseEmitter emitter, long afterSeq) {
			for (Event event : this.events) {
				if (event.seq() > afterSeq && !send(emitter, event)) {
					return;
				}
			}
			if (this.closed) {
				emitter.complete();
				return;
			}
			emitter.onCompletion(() -> this.emitters.remove(emitter));
			emitter.onTimeout(() -> this.emitters.remove(emitter));
			emitter.onError((ex) -> this.emitters.remove(emitter));
			this.emitters.add(emitter);
		}

		synchronized void close() {
			this.closed = true;
			this.emitters.forEach(SseEmitter::complete);
			this.emitters.clear();
		}

	}

}
