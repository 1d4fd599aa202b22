package dev.warren.balancer;

import java.time.Instant;
import java.util.List;

/**
 * A balancer host's layout as Warren read it (read-only) from the host, as the balancer
 * page and {@code GET /api/v1/balancers/{id}/layout} show it. Fields that do not apply to
 * the balancer's kind, or that could not be read, are {@code null} or empty.
 *
 * @param files NGINX: the files {@code nginx -T} reads, main config first; HAProxy: its
 * config file
 * @param includes NGINX: every {@code include} pattern, made absolute
 * @param readsConfigFile NGINX include layouts: whether one of those files includes
 * Warren's file
 * @param pidFileSource where {@code pidFile} comes from (the balancer's setting,
 * {@code nginx -T}, a default)
 * @param masterPid NGINX: the pid in its pid file; HAProxy: the first haproxy process
 * @param statsSockets HAProxy: its {@code stats socket} lines with their level
 * @param adminSocket HAProxy: the socket of its runtime API at level admin
 * @param adminSocketReady HAProxy: whether that path is a socket on the host
 * @param problems what would stop a push, each naming the setting to give
 * @param notes what is worth knowing and stops nothing
 * @param transcript the commands run, with their exit codes
 */
public record BalancerLayout(long balancerId, BalancerKind kind, String hostServerName, List<String> files,
		List<String> includes, Boolean readsConfigFile, String pidFile, String pidFileSource, String errorLog,
		String errorLogSource, String masterPid, List<String> statsSockets, String adminSocket,
		Boolean adminSocketReady, Boolean masterWorker, List<String> problems, List<String> notes, String transcript,
		Instant readAt) {

	public boolean pushable() {
		return this.problems.isEmpty();
	}

}
