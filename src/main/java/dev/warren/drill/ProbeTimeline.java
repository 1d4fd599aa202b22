package dev.warren.drill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the prober's fresh connections through the balancer landed, and what that says
 * about the balancer: how long after {@code stop_app} was sent it stopped sending new
 * connections to the node, and how long after {@code start_app} returned it sent one
 * there again. Times are milliseconds since the drill's traffic started.
 */
final class ProbeTimeline {

	private final List<Probe> probes = new ArrayList<>();

	synchronized void add(Probe probe) {
		this.probes.add(probe);
	}

	synchronized List<Probe> probes() {
		return List.copyOf(this.probes);
	}

	/** Whether a connection opened at or after {@code sinceMillis} landed on the node. */
	synchronized boolean landedOn(String node, long sinceMillis) {
		return this.probes.stream().anyMatch((p) -> p.atMillis() >= sinceMillis && node.equals(p.node()));
	}

	/**
	 * @param stopSentAt when {@code stop_app} was sent
	 * @param startSentAt when {@code start_app} was sent
	 * @param startDoneAt when {@code start_app} returned
	 */
	static BalancerTimes measure(List<Probe> probes, String victim, long stopSentAt, long startSentAt,
			long startDoneAt) {
		List<Probe> sorted = probes.stream().sorted(Comparator.comparingLong(Probe::atMillis)).toList();
		Long lastOnVictim = null;
		for (Probe probe : sorted) {
			if (probe.atMillis() < startSentAt && victim.equals(probe.node())) {
				lastOnVictim = probe.atMillis();
			}
		}
		Long stoppedUsingAfter;
		if (lastOnVictim == null || lastOnVictim < stopSentAt) {
			stoppedUsingAfter = 0L;
		}
		else {
			long last = lastOnVictim;
			stoppedUsingAfter = sorted.stream()
				.filter((p) -> p.atMillis() > last && p.atMillis() < startSentAt && p.node() != null)
				.findFirst()
				.map((p) -> p.atMillis() - stopSentAt)
				.orElse(null);
		}
		Long firstBack = sorted.stream()
			.filter((p) -> p.atMillis() >= startSentAt && victim.equals(p.node()))
			.findFirst()
			.map(Probe::atMillis)
			.orElse(null);
		Long backAfter = (firstBack != null) ? Math.max(0, firstBack - startDoneAt) : null;
		Map<String, Integer> perNode = new LinkedHashMap<>();
		int failed = 0;
		int unresolved = 0;
		int failedWhileStopped = 0;
		for (Probe probe : sorted) {
			if (probe.error() != null) {
				failed++;
				if (probe.atMillis() >= stopSentAt && probe.atMillis() < startDoneAt) {
					failedWhileStopped++;
				}
			}
			else if (probe.node() == null) {
				unresolved++;
			}
			else {
				perNode.merge(probe.node(), 1, Integer::sum);
			}
		}
		return new BalancerTimes(sorted.size(), failed, failedWhileStopped, unresolved, perNode, lastOnVictim,
				stoppedUsingAfter, firstBack, backAfter);
	}

	/**
	 * One fresh connection through the balancer.
	 *
	 * @param node the node it landed on, or {@code null} when unknown
	 * @param error why it could not be opened, or {@code null}
	 */
	record Probe(long atMillis, String node, String error) {

	}

	/**
	 * @param failed connections that could not be opened through the balancer
	 * @param failedWhileStopped of those, how many while the node was stopped
	 * @param unresolved connections opened whose node could not be told
	 * @param lastOnVictim when the last connection before {@code start_app} landed on the
	 * node
	 * @param stoppedUsingAfter from {@code stop_app} sent to the first connection after
	 * that last one landing elsewhere (0 when none landed on it after {@code stop_app}
	 * was sent); {@code null} when it never stopped
	 * @param firstBack when a connection landed on the node again
	 * @param backAfter from {@code start_app} returned to that connection; {@code null}
	 * when none landed there within the observation time
	 */
	record BalancerTimes(int probes, int failed, int failedWhileStopped, int unresolved, Map<String, Integer> perNode,
			Long lastOnVictim, Long stoppedUsingAfter, Long firstBack, Long backAfter) {

	}

}
