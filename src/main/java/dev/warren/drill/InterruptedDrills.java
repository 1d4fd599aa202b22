package dev.warren.drill;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start-up, before a new drill can start: drills that were running when the console
 * stopped end FAILED, saying that their node may still be stopped. (Their runs become
 * INTERRUPTED the same way.)
 */
@Component
class InterruptedDrills implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InterruptedDrills.class);

	private final DrillRecorder recorder;

	private volatile boolean running;

	InterruptedDrills(DrillRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void start() {
		int interrupted = this.recorder.interruptAll();
		if (interrupted > 0) {
			logger.warn(
					"{} failover drill(s) were running when the console stopped; they are now FAILED. "
							+ "Their nodes may still be stopped: open their runs and use \"Re-check state\".",
					interrupted);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
