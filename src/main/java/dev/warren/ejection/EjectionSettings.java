package dev.warren.ejection;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.warren.health.HealthState;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A cluster's ejection policy as {@code GET/PUT /api/v1/clusters/{id}/ejection} and the
 * cluster page show it.
 *
 * @param enabled whether Warren takes unhealthy nodes out of the cluster's balancers
 * @param after the node states that take a node out, comma-separated (of
 * {@code NOT_RESPONDING}, {@code DOWN}, {@code DEGRADED})
 * @param minHealthy never take a node out when fewer answering nodes would stay in
 * @param holdDownSeconds how long a node must be UP again before it goes back in
 * @param minChangeSeconds at least this long between two changes of one node (flapping)
 */
public record EjectionSettings(@NotNull Boolean enabled,
		@NotNull @Pattern(regexp = AFTER, message = AFTER_MESSAGE) String after,
		@NotNull @Min(value = 1,
				message = "must be at least 1: the last healthy node is never taken out") @Max(100) Integer minHealthy,
		@NotNull @Min(0) @Max(3600) Integer holdDownSeconds, @Min(0) @Max(3600) Integer minChangeSeconds) {

	static final String AFTER = "\\s*(NOT_RESPONDING|DOWN|DEGRADED)\\s*(,\\s*(NOT_RESPONDING|DOWN|DEGRADED)\\s*)*";

	private static final String AFTER_MESSAGE = "must list node states from NOT_RESPONDING, DOWN and DEGRADED, "
			+ "separated by commas";

	/** Off, as every cluster starts: the defaults once it is turned on. */
	static final EjectionSettings DEFAULTS = new EjectionSettings(false, "NOT_RESPONDING,DOWN", 1, 10, 30);

	/** The states of {@link #after()}. */
	Set<HealthState> states() {
		return Arrays.stream(this.after.split(","))
			.map((state) -> HealthState.valueOf(state.strip().toUpperCase(Locale.ROOT)))
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(HealthState.class)));
	}

	/** This policy with what it leaves out taken from the defaults, states normalised. */
	EjectionSettings completed() {
		EjectionSettings normal = new EjectionSettings(this.enabled, null, this.minHealthy, this.holdDownSeconds,
				(this.minChangeSeconds != null) ? this.minChangeSeconds : DEFAULTS.minChangeSeconds());
		return new EjectionSettings(normal.enabled(),
				states().stream().map(Enum::name).collect(Collectors.joining(",")), normal.minHealthy(),
				normal.holdDownSeconds(), normal.minChangeSeconds());
	}

}
