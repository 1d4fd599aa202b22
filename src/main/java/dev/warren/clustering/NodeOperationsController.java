package dev.warren.clustering;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import dev.warren.shared.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Restart a node's application or take a node out of its cluster, from the cluster page
 * or the API. Each starts a run (its checks come first) and shows it.
 */
@Controller
class NodeOperationsController {

	private final NodeOperations operations;

	NodeOperationsController(NodeOperations operations) {
		this.operations = operations;
	}

	@PostMapping("/clusters/{clusterId}/nodes/{serverId}/restart")
	String restart(@PathVariable long clusterId, @PathVariable long serverId, Principal principal,
			RedirectAttributes redirect) {
		return started(clusterId, redirect, () -> this.operations.restart(clusterId, serverId, principal.getName()));
	}

	@PostMapping("/clusters/{clusterId}/nodes/{serverId}/remove")
	String remove(@PathVariable long clusterId, @PathVariable long serverId, Principal principal,
			RedirectAttributes redirect) {
		return started(clusterId, redirect, () -> this.operations.remove(clusterId, serverId, principal.getName()));
	}

	@PostMapping("/api/v1/clusters/{clusterId}/nodes/{serverId}/restart")
	@ResponseBody
	@Operation(summary = "Restart a member's RabbitMQ application (202, Location of the run)")
	ResponseEntity<Map<String, Object>> restartApi(@PathVariable long clusterId, @PathVariable long serverId,
			Principal principal) {
		return accepted(this.operations.restart(clusterId, serverId, principal.getName()));
	}

	@PostMapping("/api/v1/clusters/{clusterId}/nodes/{serverId}/remove")
	@ResponseBody
	@Operation(summary = "Take a member out of the cluster (202, Location of the run)")
	ResponseEntity<Map<String, Object>> removeApi(@PathVariable long clusterId, @PathVariable long serverId,
			Principal principal) {
		return accepted(this.operations.remove(clusterId, serverId, principal.getName()));
	}

	private static ResponseEntity<Map<String, Object>> accepted(long runId) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/runs/" + runId))
			.body(Map.of("runId", runId, "status", "PENDING"));
	}

	private static String started(long clusterId, RedirectAttributes redirect,
			java.util.function.LongSupplier operation) {
		try {
			return "redirect:/runs/" + operation.getAsLong();
		}
		catch (ClusterBusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + ex.activeRunId();
		}
		catch (InvalidFieldException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + clusterId;
		}
	}

}
