package dev.warren.clustering;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.warren.shared.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Persists each transition of a run in its own transaction, as it happens, so that the
 * database always says how far a run got, and tells the watchers.
 */
@Component
@Transactional(propagation = Propagation.REQUIRES_NEW)
class RunRecorder {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(RunRecorder.class);

	private final RunRepository runs;

	private final JdbcTemplate jdbc;

	private final RunEvents events;

	private final JsonMapper json;

	private final Clock clock;

	RunRecorder(RunRepository runs, JdbcTemplate jdbc, RunEvents events, JsonMapper json, Clock clock) {
		this.runs = runs;
		this.jdbc = jdbc;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Creates a run and takes the cluster's lock in one transaction: of two
	 * administrators starting at once, exactly one gets the cluster.
	 * @throws ClusterBusyException when another run holds it
	 */
	long create(RunKind kind, Long clusterId, String target, String actor, String options) {
		Run run = this.runs.saveAndFlush(new Run(kind, clusterId, target, actor, options, this.clock.instant()));
		if (clusterId != null) {
			try {
				this.jdbc.update("insert into cluster_lock (cluster_id, run_id, locked_at) values (?, ?, ?)", clusterId,
						run.id(), java.sql.Timestamp.from(this.clock.instant()));
			}
			catch (DataIntegrityViolationException ex) {
				Long active = this.jdbc.query("select run_id from cluster_lock where cluster_id = ?",
						(rs) -> rs.next() ? rs.getLong(1) : null, clusterId);
				throw new ClusterBusyException(clusterId, (active != null) ? active : -1);
			}
		}
		this.events.open(run.id());
		return run.id();
	}

	void start(long runId) {
		Run run = find(runId);
		run.start(this.clock.instant());
		this.events.publish(runId, "run", Map.of("status", run.status().name()));
	}

	void preflight(long runId, List<PreflightCheck> checks) {
		find(runId).recordPreflight(this.json.writeValueAsString(checks));
		this.events.publish(runId, "preflight", Map.of("checks", checks));
	}

	/** Adds planned steps and returns their positions. */
	List<Integer> plan(long runId, List<PlannedCommand> commands) {
		Run run = find(runId);
		List<Integer> positions = commands.stream()
			.map((c) -> run.addStep(c.serverId(), c.serverName(), c.description(), c.command()).position())
			.toList();
		this.runs.saveAndFlush(run);
		this.events.publish(runId, "plan", Map.of("steps", commands.size()));
		return positions;
	}

	void beginStep(long runId, int position, String command) {
		Run run = find(runId);
		RunStep step = run.step(position);
		step.begin(command, this.clock.instant());
		this.events.publish(runId, "step", stepData(step.toView()));
	}

	void endStep(long runId, int position, boolean succeeded, Integer exitCode, String output) {
		Run run = find(runId);
		RunStep step = run.step(position);
		step.end(succeeded ? StepStatus.SUCCEEDED : StepStatus.FAILED, exitCode, output, this.clock.instant());
		this.events.publish(runId, "step", stepData(step.toView()));
	}

	void finish(long runId, RunStatus outcome, String summary) {
		Run run = find(runId);
		run.finish(outcome, summary, this.clock.instant());
		this.jdbc.update("delete from cluster_lock where run_id = ?", runId);
		this.events.close(runId, Map.of("status", outcome.name(), "summary", summary));
	}

	/**
	 * A run's code threw: the run ends FAILED saying so, if the database still answers
	 * (else it stays RUNNING until the next start marks it INTERRUPTED).
	 */
	void crashed(long runId, RuntimeException ex) {
		logger.error("Run {} failed unexpectedly", runId, ex);
		try {
			finish(runId, RunStatus.FAILED, "Warren failed unexpectedly (" + ex.getMessage()
					+ "). Use \"Re-check state\" to see the servers as they are now.");
		}
		catch (RuntimeException ignored) {
			// Left RUNNING: the next start marks it INTERRUPTED.
		}
	}

	void recheck(long runId, String text) {
		find(runId).recordRecheck(text, this.clock.instant());
	}

	/** At start-up: whatever was active when the console stopped is INTERRUPTED. */
	int interruptAll() {
		List<Run> active = this.runs.findByStatusIn(List.of(RunStatus.PENDING, RunStatus.RUNNING));
		active.forEach((run) -> run.interrupt(this.clock.instant()));
		this.jdbc.update("delete from cluster_lock");
		return active.size();
	}

	@Transactional(readOnly = true)
	RunView view(long runId) {
		Run run = find(runId);
		return run.toView(preflightOf(run));
	}

	List<PreflightCheck> preflightOf(Run run) {
		if (run.preflightJson() == null) {
			return List.of();
		}
		return this.json.readValue(run.preflightJson(), new TypeReference<List<PreflightCheck>>() {
		});
	}

	private Run find(long runId) {
		return this.runs.findById(runId).orElseThrow(() -> new NotFoundException("Run", runId));
	}

	static Map<String, Object> stepData(StepView step) {
		Map<String, Object> data = new java.util.HashMap<>();
		data.put("position", step.position());
		data.put("status", step.status().name());
		data.put("server", step.server());
		data.put("description", step.description());
		data.put("command", step.command());
		data.put("exitCode", step.exitCode());
		data.put("output", step.output());
		data.put("startedAt", step.startedAt());
		data.put("endedAt", step.endedAt());
		return data;
	}

}
