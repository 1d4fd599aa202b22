package dev.warren.rabbitmq;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RabbitMQ release, {@code major.minor.patch}. Pre-release and build suffixes
 * ({@code 4.0.0-rc.1}, {@code 3.13.7+12.g0c1d2e3}) are accepted and dropped.
 */
public record RabbitmqVersion(int major, int minor, int patch) implements Comparable<RabbitmqVersion> {

	private static final Pattern VERSION = Pattern.compile("v?(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,6}))?(?:[-+~].*)?");

	private static final Comparator<RabbitmqVersion> ORDER = Comparator.comparingInt(RabbitmqVersion::major)
		.thenComparingInt(RabbitmqVersion::minor)
		.thenComparingInt(RabbitmqVersion::patch);

	private static final RabbitmqVersion JOIN_RESETS_ITSELF = new RabbitmqVersion(4, 1, 0);

	private static final RabbitmqVersion KHEPRI_ONLY = new RabbitmqVersion(4, 3, 0);

	public RabbitmqVersion {
		if (major < 0 || minor < 0 || patch < 0) {
			throw new IllegalArgumentException("Version numbers cannot be negative");
		}
	}

	/**
	 * @throws IllegalArgumentException for text that is not a version
	 */
	public static RabbitmqVersion parse(String text) {
		Matcher matcher = VERSION.matcher((text != null) ? text.strip() : "");
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a RabbitMQ version: '" + text + "'");
		}
		return new RabbitmqVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				(matcher.group(3) != null) ? Integer.parseInt(matcher.group(3)) : 0);
	}

	/**
	 * From 4.1, {@code join_cluster} stops the app, resets the node, joins and starts the
	 * app again by itself; before, the node had to be stopped first (see
	 * {@link JoinPlans}).
	 */
	public boolean joinStopsAndResetsNode() {
		return compareTo(JOIN_RESETS_ITSELF) >= 0;
	}

	/**
	 * {@code cluster_partition_handling} applies to Mnesia-based clusters. 4.3.0 removed
	 * Mnesia: the metadata store is always Khepri (Raft), and the key is "accepted by
	 * 4.3.0 nodes but won't have any effect" (release notes of 4.3.0, "Mnesia and
	 * Partition Handling Strategies are Removed").
	 */
	public boolean honoursPartitionHandling() {
		return compareTo(KHEPRI_ONLY) < 0;
	}

	/**
	 * Warren clusters only nodes of the same release series ({@code major.minor}); patch
	 * releases may differ. RabbitMQ itself lets adjacent series run together only for the
	 * hours of a rolling upgrade, guarded by feature flags ("Mixed version clusters ...
	 * are not meant to be run for extended periods of time", release notes of 4.1.0); a
	 * new cluster should not start out that way.
	 */
	public boolean isCompatibleForClustering(RabbitmqVersion other) {
		return other != null && this.major == other.major && this.minor == other.minor;
	}

	/** {@code 3.10}: the release series. */
	public String series() {
		return this.major + "." + this.minor;
	}

	@Override
	public int compareTo(RabbitmqVersion other) {
		return ORDER.compare(this, other);
	}

	@Override
	public String toString() {
		return this.major + "." + this.minor + "." + this.patch;
	}

}
