package dev.warren.clustering;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "run_step")
class RunStep {

	static final int MAX_OUTPUT = 200_000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(optional = false)
	@JoinColumn(name = "run_id")
	private Run run;

	@Column(nullable = false)
	private int position;

	@Column(name = "server_id")
	private Long serverId;

	@Column(name = "server_name", nullable = false, length = 64)
	private String serverName;

	@Column(nullable = false, length = 500)
	private String description;

	@Column(length = 4000)
	private String command;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private StepStatus status;

	@Column(name = "exit_code")
	private Integer exitCode;

	@Column(length = 1_000_000)
	private String output;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "ended_at")
	private Instant endedAt;

	protected RunStep() {
	}

	RunStep(Run run, int position, Long serverId, String serverName, String description, String command) {
		this.run = run;
		this.position = position;
		this.serverId = serverId;
		this.serverName = serverName;
		this.description = Run.truncate(description, 500);
		this.command = Run.truncate(command, 4000);
		this.status = StepStatus.PENDING;
	}

	int position() {
		return this.position;
	}

	StepStatus status() {
		return this.status;
	}

	void begin(String command, Instant now) {
		if (this.status != StepStatus.PENDING) {
			throw new IllegalStateException("Step " + this.position + " already " + this.status);
		}
		if (command != null) {
			this.command = Run.truncate(command, 4000);
		}
		this.status = StepStatus.RUNNING;
		this.startedAt = now;
	}

	void end(StepStatus outcome, Integer exitCode, String output, Instant now) {
		if (this.status != StepStatus.RUNNING) {
			throw new IllegalStateException("Step " + this.position + " is " + this.status + ", not RUNNING");
		}
		if (outcome != StepStatus.SUCCEEDED && outcome != StepStatus.FAILED) {
			throw new IllegalArgumentException("A step ends SUCCEEDED or FAILED, not " + outcome);
		}
		this.status = outcome;
		this.exitCode = exitCode;
		this.output = Run.truncate(output, MAX_OUTPUT);
		this.endedAt = now;
	}

	void skip() {
		if (this.status == StepStatus.PENDING) {
			this.status = StepStatus.SKIPPED;
		}
	}

	void interrupt() {
		if (this.status == StepStatus.RUNNING || this.status == StepStatus.PENDING) {
			this.status = (this.status == StepStatus.RUNNING) ? StepStatus.INTERRUPTED : StepStatus.SKIPPED;
		}
	}

	StepView toView() {
		return new StepView(this.id, this.position, this.serverId, this.serverName, this.description, this.command,
				this.status, this.exitCode, this.output, this.startedAt, this.endedAt);
	}

}
