package dev.warren.clustering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A persisted run. It guards its own transitions: a finished run cannot start again, a
 * step cannot end before it started, and so on.
 */
@Entity
@Table(name = "run")
class Run {

	static final int MAX_TEXT = 100_000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 32)
	private RunKind kind;

	@Column(name = "cluster_id")
	private Long clusterId;

	@Column(nullable = false, length = 255)
	private String target;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private RunStatus status;

	@Column(name = "started_by", nullable = false, length = 128)
	private String startedBy;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "ended_at")
	private Instant endedAt;

	@Column(length = 4000)
	private String summary;

	@Column(length = 4000)
	private String options;

	@Column(length = MAX_TEXT)
	private String preflight;

	@Column(length = MAX_TEXT)
	private String recheck;

	@Column(name = "rechecked_at")
	private Instant recheckedAt;

	@OneToMany(mappedBy = "run", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
	@OrderBy("position")
	private List<RunStep> steps = new ArrayList<>();

	protected Run() {
	}

	Run(RunKind kind, Long clusterId, String target, String startedBy, String options, Instant now) {
		this.kind = kind;
		this.clusterId = clusterId;
		this.target = truncate(target, 255);
		this.startedBy = startedBy;
		this.options = options;
		this.status = RunStatus.PENDING;
		this.createdAt = now;
	}

	Long id() {
		return this.id;
	}

	RunStatus status() {
		return this.status;
	}

	Long clusterId() {
		return this.clusterId;
	}

	String startedBy() {
		return this.startedBy;
	}

	String options() {
		return this.options;
	}

	RunKind kind() {
		return this.kind;
	}

	String preflightJson() {
		return this.preflight;
	}

	List<RunStep> steps() {
		return this.steps.stream().sorted(Comparator.comparingInt(RunStep::position)).toList();
	}

	void start(Instant now) {
		require(this.status == RunStatus.PENDING, "start");
		this.status = RunStatus.RUNNING;
		this.startedAt = now;
	}

	void recordPreflight(String json) {
		require(this.status.isActive(), "record a preflight for");
		this.preflight = truncate(json, MAX_TEXT);
	}

	RunStep addStep(Long serverId, String serverName, String description, String command) {
		require(this.status.isActive(), "add a step to");
		RunStep step = new RunStep(this, this.steps.size() + 1, serverId, serverName, description, command);
		this.steps.add(step);
		return step;
	}

	RunStep step(int position) {
		return this.steps.stream()
			.filter((step) -> step.position() == position)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Run " + this.id + " has no step " + position));
	}

	void finish(RunStatus outcome, String summary, Instant now) {
		require(this.status == RunStatus.RUNNING || this.status == RunStatus.PENDING, "finish");
		if (outcome.isActive() || outcome == RunStatus.INTERRUPTED) {
			throw new IllegalArgumentException("A run finishes as SUCCEEDED, FAILED or ROLLED_BACK, not " + outcome);
		}
		this.status = outcome;
		this.summary = truncate(summary, 4000);
		this.endedAt = now;
		this.steps.stream().filter((step) -> step.status() == StepStatus.PENDING).forEach(RunStep::skip);
	}

	/** The console stopped while this run was active: nobody knows how far it got. */
	void interrupt(Instant now) {
		require(this.status.isActive(), "interrupt");
		this.status = RunStatus.INTERRUPTED;
		this.endedAt = now;
		this.summary = "The console stopped while this run was active. The servers may be in any state between "
				+ "the last finished step and the next one: use \"Re-check state\" to read the cluster as it is now.";
		this.steps.forEach(RunStep::interrupt);
	}

	void recordRecheck(String text, Instant now) {
		this.recheck = truncate(text, MAX_TEXT);
		this.recheckedAt = now;
	}

	RunView toView(List<PreflightCheck> preflight) {
		return new RunView(this.id, this.kind, this.clusterId, this.target, this.status, this.startedBy, this.createdAt,
				this.startedAt, this.endedAt, this.summary, preflight, steps().stream().map(RunStep::toView).toList(),
				this.recheck, this.recheckedAt);
	}

	private void require(boolean condition, String action) {
		if (!condition) {
			throw new IllegalStateException("Cannot " + action + " run " + this.id + ": it is " + this.status);
		}
	}

	static String truncate(String value, int max) {
		if (value == null || value.length() <= max) {
			return value;
		}
		return value.substring(0, max - 40) + "\n… (" + (value.length() - max + 40) + " characters cut)";
	}

}
