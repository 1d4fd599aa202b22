package dev.warren.clustering;

import java.util.List;

import dev.warren.shared.NotFoundException;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Reading runs and following them live.
 */
@Service
@Transactional(readOnly = true)
public class Runs {

	static final int PAGE_SIZE = 25;

	private final RunRepository repository;

	private final RunRecorder recorder;

	private final RunEvents events;

	Runs(RunRepository repository, RunRecorder recorder, RunEvents events) {
		this.repository = repository;
		this.recorder = recorder;
		this.events = events;
	}

	public Page<RunView> list(int page) {
		return this.repository.findAllByOrderByCreatedAtDescIdDesc(PageRequest.of(Math.max(0, page), PAGE_SIZE))
			.map((run) -> run.toView(List.of()));
	}

	public List<RunView> recentFor(long clusterId) {
		return this.repository.findTop10ByClusterIdOrderByCreatedAtDescIdDesc(clusterId)
			.stream()
			.map((run) -> run.toView(List.of()))
			.toList();
	}

	public RunView get(long id) {
		Run run = this.repository.findById(id).orElseThrow(() -> new NotFoundException("Run", id));
		return run.toView(this.recorder.preflightOf(run));
	}

	/**
	 * The run as stored, plus what the watchers have already been sent, for a page to
	 * continue.
	 */
	LiveRun live(long id) {
		RunEvents.Snapshot snapshot = this.events.snapshot(id);
		return new LiveRun(get(id), snapshot.lastSeq(), snapshot.liveOutput());
	}

	SseEmitter follow(long id, long afterSeq) {
		RunView run = get(id);
		return this.events.subscribe(id, afterSeq,
				java.util.Map.of("status", run.status().name(), "summary", String.valueOf(run.summary())));
	}

	record LiveRun(RunView run, long lastSeq, java.util.Map<Integer, String> liveOutput) {

	}

}
