package dev.warren.drill;

import java.time.Clock;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.shared.Actor;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saves a drill as it starts and as it ends, each in its own transaction with its audit
 * record.
 */
@Component
@Transactional(propagation = Propagation.REQUIRES_NEW)
class DrillRecorder {

	private final DrillRepository drills;

	private final AuditLog audit;

	private final Clock clock;

	DrillRecorder(DrillRepository drills, AuditLog audit, Clock clock) {
		this.drills = drills;
		this.audit = audit;
		this.clock = clock;
	}

	long started(Drill drill, long runId) {
		drill.attachRun(runId);
		Drill saved = this.drills.save(drill);
		DrillView view = saved.toView();
		this.audit.record(new AuditEntry("DRILL_START", "CLUSTER", String.valueOf(view.clusterId()),
				"Failover drill " + view.id() + ": stop " + view.nodeName() + " in " + view.clusterName()
						+ ", traffic through " + view.balancerName() + " (run " + runId + ")",
				null, view));
		return saved.id();
	}

	/**
	 * Ends every drill still RUNNING: only a console that stopped mid-drill leaves one.
	 * @return how many
	 */
	int interruptAll() {
		var running = this.drills.findByResult(DrillResult.RUNNING);
		for (Drill drill : running) {
			DrillView view = drill.toView();
			drill.end(DrillReport.failedEarly("Interrupted: Warren stopped while this drill ran, so " + view.nodeName()
					+ "'s application may still be stopped. Open run " + view.runId()
					+ " and use \"Re-check state\"; if the node is stopped, start it with rabbitmqctl start_app."),
					this.clock.instant());
		}
		return running.size();
	}

	void ended(long drillId, DrillReport report, String actor) {
		Drill drill = this.drills.findById(drillId).orElseThrow();
		drill.end(report, this.clock.instant());
		DrillView view = drill.toView();
		Actor.runAs(actor, () -> {
			this.audit.record(new AuditEntry("DRILL_END", "CLUSTER", String.valueOf(view.clusterId()),
					"Failover drill " + drillId + " " + view.result() + ": " + view.summary(), null, view));
			return null;
		});
	}

}
