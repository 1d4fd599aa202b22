package dev.warren.clustering;

import java.util.List;

import dev.warren.shared.SafeText;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Which of the cluster's servers join its primary, and the optional settings applied
 * afterwards.
 *
 * @param serverIds the servers to join (members of the cluster other than the primary)
 * @param clusterName a cluster name to set (optional)
 * @param partitionHandling {@code autoheal}, {@code pause_minority} or {@code ignore}
 * (optional)
 */
public record JoinRequest(
		@NotEmpty(message = "choose at least one node to join") @Size(max = 16) List<@NotNull Long> serverIds,
		@Size(max = 64) @SafeText @Pattern(regexp = "^$|^[A-Za-z0-9@._-]+$",
				message = "may contain letters, digits and @ . _ - only") String clusterName,
		@Pattern(regexp = "^$|^(autoheal|pause_minority|ignore)$",
				message = "must be autoheal, pause_minority or ignore") String partitionHandling) {

	boolean wantsClusterName() {
		return this.clusterName != null && !this.clusterName.isBlank();
	}

	boolean wantsPartitionHandling() {
		return this.partitionHandling != null && !this.partitionHandling.isBlank();
	}

}
