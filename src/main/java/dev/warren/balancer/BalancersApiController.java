package dev.warren.balancer;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import dev.warren.shared.Inputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;

import dev.warren.remote.Privileges;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/balancers")
@Tag(name = "Balancers", description = "NGINX and HAProxy load balancers in front of a cluster")
class BalancersApiController {

	private final Balancers balancers;

	private final BalancerConfigs configs;

	private final BalancerRevisions revisions;

	private final BalancerDeployments deployments;

	private final BalancerDrift drift;

	private final BalancerLayouts layouts;

	private final Validator validator;

	private final dev.warren.inventory.Servers servers;

	BalancersApiController(Balancers balancers, BalancerConfigs configs, BalancerRevisions revisions,
			BalancerDeployments deployments, BalancerDrift drift, Validator validator,
			dev.warren.inventory.Servers servers, BalancerLayouts layouts) {
		this.servers = servers;
		this.layouts = layouts;
		this.balancers = balancers;
		this.configs = configs;
		this.revisions = revisions;
		this.deployments = deployments;
		this.drift = drift;
		this.validator = validator;
	}

	@PostMapping("/{id}/deployments")
	@Operation(summary = "Push the balancer's config to its host and prove it live, or restore the previous one "
			+ "(202, Location of the run)")
	ResponseEntity<Map<String, Object>> deploy(@PathVariable long id, Principal principal) {
		long runId = this.deployments.deploy(id, principal.getName());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/runs/" + runId))
			.body(Map.of("runId", runId, "status", "PENDING"));
	}

	@PostMapping("/{id}/revisions/{revisionId}/deployments")
	@Operation(summary = "Push a revision's config again, exactly as it was pushed: a roll back (202, Location of "
			+ "the run)")
	ResponseEntity<Map<String, Object>> rollBack(@PathVariable long id, @PathVariable long revisionId,
			Principal principal) {
		long runId = this.deployments.rollBack(id, revisionId, principal.getName());
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/runs/" + runId))
			.body(Map.of("runId", runId, "status", "PENDING"));
	}

	@GetMapping
	@Operation(summary = "List balancers")
	List<BalancerView> list() {
		return this.balancers.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a balancer")
	BalancerView get(@PathVariable long id) {
		return this.balancers.get(id);
	}

	@GetMapping(path = "/{id}/config", produces = MediaType.TEXT_PLAIN_VALUE)
	@Operation(summary = "Download the balancer's config (nginx.conf, rabbitmq-stream.conf or haproxy.cfg)",
			description = "Rendered from the balancer's settings and the cluster's current members, as an attachment.")
	ResponseEntity<String> config(@PathVariable long id) {
		return ConfigDownload.of(this.configs.render(id));
	}

	@GetMapping("/{id}/privileges")
	@Operation(summary = "What a push needs on the balancer's host: the programs it runs through sudo -n (full "
			+ "paths), the paths the SSH user writes and reads, and a sudoers drop-in that grants exactly those "
			+ "programs")
	Privileges privileges(@PathVariable long id) {
		BalancerView balancer = this.balancers.get(id);
		String content;
		try {
			content = this.configs.render(balancer).content();
		}
		catch (dev.warren.shared.ConflictException ex) {
			content = null;
		}
		return BalancerPrivileges.of(balancer, this.servers.get(balancer.hostServerId()), content).privileges();
	}

	@GetMapping("/{id}/layout")
	@Operation(summary = "The balancer host's real layout, read over SSH without changing anything: what nginx -T "
			+ "says (the files NGINX reads, whether they include Warren's file, pid file, error log) or HAProxy's "
			+ "runtime API socket, pid file and master-worker mode; problems name what would stop a push")
	BalancerLayout layout(@PathVariable long id, Principal principal) {
		return this.layouts.read(id, principal.getName());
	}

	@GetMapping("/{id}/drift")
	@Operation(summary = "Whether the file on the host is still the config Warren last pushed (read over SSH), "
			+ "with the diff when it is not, and whether a push would change it")
	BalancerDrift.DriftReport drift(@PathVariable long id, Principal principal) {
		BalancerDrift.DriftReport report = this.drift.check(id, principal.getName());
		BalancerRevisionView revision = report.revision();
		return (revision == null) ? report : new BalancerDrift.DriftReport(report.state(),
				new BalancerRevisionView(revision.id(), revision.balancerId(), revision.sha256(), revision.deployedBy(),
						revision.deployedAt(), revision.runId(), revision.result(), revision.summary(), null),
				report.diff(), report.outOfDate(), report.detail());
	}

	@GetMapping("/{id}/revisions")
	@Operation(summary = "The configs pushed to the balancer, newest first, without their content")
	List<BalancerRevisionView> revisions(@PathVariable long id) {
		return this.revisions.list(id);
	}

	@GetMapping("/{id}/revisions/{revisionId}")
	@Operation(summary = "One pushed config with its content")
	BalancerRevisionView revision(@PathVariable long id, @PathVariable long revisionId) {
		return this.revisions.get(id, revisionId);
	}

	@PostMapping
	@Operation(summary = "Define a balancer; blank paths and commands take the defaults of its kind, omitted settings "
			+ "the defaults of Warren")
	ResponseEntity<BalancerView> create(@RequestBody BalancerCommand request) {
		BalancerCommand command = withDefaultPort(request);
		Inputs.validate(this.validator, command, Map.of());
		BalancerView created = this.balancers.create(command);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a balancer's definition; omitted settings keep their values")
	BalancerView update(@PathVariable long id, @RequestBody BalancerCommand request) {
		BalancerCommand command = withDefaultPort(request);
		Inputs.validate(this.validator, command, Map.of());
		return this.balancers.update(id, command);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a balancer definition")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.balancers.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static BalancerCommand withDefaultPort(BalancerCommand request) {
		return (request.listenPort() != null) ? request : request.withListenPort(5672);
	}

}
