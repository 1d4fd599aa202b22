package dev.warren.inventory;

import java.util.List;

import dev.warren.shared.SafeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A cluster's name, the primary node others join, and its members (the primary is always
 * one).
 */
public record ClusterCommand(@NotBlank @Size(max = 64) @SafeText String name, @NotNull Long primaryServerId,
		@Size(max = 64) List<@NotNull Long> memberServerIds) {

	public static ClusterCommand empty() {
		return new ClusterCommand(null, null, List.of());
	}

	/** Members with the primary first and no repeats. */
	List<Long> allMembers() {
		java.util.LinkedHashSet<Long> members = new java.util.LinkedHashSet<>();
		members.add(this.primaryServerId);
		if (this.memberServerIds != null) {
			members.addAll(this.memberServerIds);
		}
		return List.copyOf(members);
	}

}
