package dev.warren.clustering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * At start-up, before anything can start a new run: runs that were active when the
 * console stopped are marked INTERRUPTED and their clusters released.
 */
@Component
class InterruptedRuns implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(InterruptedRuns.class);

	private final RunRecorder recorder;

	private volatile boolean running;

	InterruptedRuns(RunRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public void start() {
		int interrupted = this.recorder.interruptAll();
		if (interrupted > 0) {
			logger.warn("{} run(s) were active when the console stopped; they are now INTERRUPTED. "
					+ "Open them on the Runs page and use \"Re-check state\".", interrupted);
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
		// Before the web server (which starts in a later phase) accepts the first
		// request.
		return Integer.MIN_VALUE + 1000;
	}

}
