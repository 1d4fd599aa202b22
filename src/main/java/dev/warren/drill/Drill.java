package dev.warren.drill;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One failover drill: what was stopped, through which balancer, by whom, and once it
 * ended, its figures. Ends exactly once.
 */
@Entity
@Table(name = "failover_drill")
class Drill {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "cluster_id")
	private Long clusterId;

	@Column(name = "cluster_name", nullable = false)
	private String clusterName;

	@Column(name = "server_id")
	private Long serverId;

	@Column(name = "node_name", nullable = false)
	private String nodeName;

	@Column(name = "balancer_id")
	private Long balancerId;

	@Column(name = "balancer_name", nullable = false)
	private String balancerName;

	@Column(name = "balancer_address", nullable = false, length = 300)
	private String balancerAddress;

	@Column(name = "run_id")
	private Long runId;

	@Column(name = "started_by", nullable = false, length = 128)
	private String startedBy;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	@Column(name = "ended_at")
	private Instant endedAt;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private DrillResult result;

	@Column(name = "wait_seconds", nullable = false)
	private int waitSeconds;

	@Column(name = "queue_type", length = 16)
	private String queueType;

	@Column(name = "messages_sent")
	private Long messagesSent;

	@Column(name = "messages_confirmed")
	private Long messagesConfirmed;

	@Column(name = "messages_unconfirmed")
	private Long messagesUnconfirmed;

	@Column(name = "messages_received")
	private Long messagesReceived;

	@Column(name = "messages_lost")
	private Long messagesLost;

	private Long duplicates;

	@Column(name = "publish_failures")
	private Long publishFailures;

	@Column(name = "longest_gap_ms")
	private Long longestGapMs;

	@Column(name = "stopped_using_ms")
	private Long stoppedUsingMs;

	@Column(name = "back_ms")
	private Long backMs;

	private Integer probes;

	@Column(name = "probe_failures")
	private Integer probeFailures;

	private Boolean rejoined;

	@Column(length = 4000)
	private String summary;

	@Column(length = 4000)
	private String measurement;

	protected Drill() {
	}

	Drill(Long clusterId, String clusterName, Long serverId, String nodeName, Long balancerId, String balancerName,
			String balancerAddress, String startedBy, Instant startedAt, int waitSeconds) {
		this.clusterId = clusterId;
		this.clusterName = clusterName;
		this.serverId = serverId;
		this.nodeName = nodeName;
		this.balancerId = balancerId;
		this.balancerName = balancerName;
		this.balancerAddress = balancerAddress;
		this.startedBy = startedBy;
		this.startedAt = startedAt;
		this.waitSeconds = waitSeconds;
		this.result = DrillResult.RUNNING;
	}

	Long id() {
		return this.id;
	}

	void attachRun(long runId) {
		this.runId = runId;
	}

	/**
	 * Records the drill's end with its figures.
	 * @throws IllegalStateException when it already ended
	 */
	void end(DrillReport report, Instant at) {
		if (this.result != DrillResult.RUNNING) {
			throw new IllegalStateException("Drill " + this.id + " already ended " + this.result);
		}
		this.result = report.result();
		this.endedAt = at;
		this.queueType = report.queueType();
		this.rejoined = report.rejoined();
		this.summary = clip(report.summary());
		this.measurement = clip(report.measurement());
		if (report.messages() != null) {
			var m = report.messages();
			this.messagesSent = m.sent();
			this.messagesConfirmed = m.confirmed();
			this.messagesUnconfirmed = m.unconfirmed();
			this.messagesReceived = m.received();
			this.messagesLost = m.lost();
			this.duplicates = m.duplicates();
			this.publishFailures = m.publishFailures();
			this.longestGapMs = m.longestGap().toMillis();
		}
		if (report.balancer() != null) {
			var b = report.balancer();
			this.stoppedUsingMs = b.stoppedUsingAfter();
			this.backMs = b.backAfter();
			this.probes = b.probes();
			this.probeFailures = b.failed();
		}
	}

	DrillView toView() {
		return new DrillView(this.id, this.clusterId, this.clusterName, this.serverId, this.nodeName, this.balancerId,
				this.balancerName, this.balancerAddress, this.runId, this.startedBy, this.startedAt, this.endedAt,
				this.result, this.waitSeconds, this.queueType, this.messagesSent, this.messagesConfirmed,
				this.messagesUnconfirmed, this.messagesReceived, this.messagesLost, this.duplicates,
				this.publishFailures, this.longestGapMs, this.stoppedUsingMs, this.backMs, this.probes,
				this.probeFailures, this.rejoined, this.summary, this.measurement);
	}

	private static String clip(String text) {
		return (text != null && text.length() > 4000) ? text.substring(0, 3997) + "..." : text;
	}

}
