package dev.warren.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes clusters. A server belongs to at most one cluster (a
 * RabbitMQ node can only be in one), every member needs a node name, and no two members
 * share one.
 */
@Service
@Transactional
public class Clusters {

	private static final String TYPE = "CLUSTER";

	private final ClusterRepository repository;

	private final ServerRepository servers;

	private final AuditLog auditLog;

	private final List<InventoryUsage> usages;

	private final Clock clock;

	Clusters(ClusterRepository repository, ServerRepository servers, AuditLog auditLog, List<InventoryUsage> usages,
			Clock clock) {
		this.repository = repository;
		this.servers = servers;
		this.auditLog = auditLog;
		this.usages = usages;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<ClusterView> list() {
		Map<Long, Server> byId = this.servers.findAll()
			.stream()
			.collect(Collectors.toMap(Server::id, Function.identity()));
		return this.repository.findAllByOrderByNameAsc().stream().map((cluster) -> toView(cluster, byId)).toList();
	}

	@Transactional(readOnly = true)
	public ClusterView get(long id) {
		return toView(find(id), serversOf(find(id).memberServerIds()));
	}

	@Transactional(readOnly = true)
	public Optional<ClusterView> findById(long id) {
		return this.repository.findById(id).map((cluster) -> toView(cluster, serversOf(cluster.memberServerIds())));
	}

	@Transactional(readOnly = true)
	public Optional<ClusterView> clusterOf(long serverId) {
		return this.repository.findByMember(serverId)
			.stream()
			.findFirst()
			.map((cluster) -> toView(cluster, serversOf(cluster.memberServerIds())));
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.repository.count();
	}

	public ClusterView create(ClusterCommand command) {
		List<Long> members = checkRules(command, null);
		Cluster cluster = new Cluster(command.name().strip(), command.primaryServerId(), members, this.clock.instant());
		this.repository.saveAndFlush(cluster);
		ClusterView view = toView(cluster, serversOf(members));
		this.auditLog.record(AuditEntry.created(TYPE, view.id(), "Created cluster '" + view.name() + "'", view));
		return view;
	}

	public ClusterView update(long id, ClusterCommand command) {
		Cluster cluster = find(id);
		ClusterView before = toView(cluster, serversOf(cluster.memberServerIds()));
		List<Long> members = checkRules(command, cluster);
		cluster.change(command.name().strip(), command.primaryServerId(), members, this.clock.instant());
		this.repository.saveAndFlush(cluster);
		ClusterView after = toView(cluster, serversOf(members));
		this.auditLog.record(AuditEntry.updated(TYPE, id, "Updated cluster '" + after.name() + "'", before, after));
		return after;
	}

	public void delete(long id) {
		Cluster cluster = find(id);
		List<String> reasons = new ArrayList<>();
		this.usages.forEach((usage) -> reasons.addAll(usage.usesOfCluster(id)));
		if (!reasons.isEmpty()) {
			throw new ConflictException(null,
					"Cluster '" + cluster.name() + "' is still in use: " + String.join("; ", reasons) + ".");
		}
		ClusterView before = toView(cluster, serversOf(cluster.memberServerIds()));
		this.repository.delete(cluster);
		this.repository.flush();
		this.auditLog.record(AuditEntry.deleted(TYPE, id, "Deleted cluster '" + before.name() + "'", before));
	}

	private Cluster find(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("Cluster", id));
	}

	private List<Long> checkRules(ClusterCommand command, Cluster existing) {
		this.repository.findByNameIgnoreCase(command.name().strip())
			.filter((other) -> existing == null || !Objects.equals(other.id(), existing.id()))
			.ifPresent((other) -> {
				throw new ConflictException("name", "A cluster named '" + other.name() + "' already exists");
			});
		List<Long> members = command.allMembers();
		Map<Long, Server> found = serversOf(members);
		for (Long memberId : members) {
			String field = memberId.equals(command.primaryServerId()) ? "primaryServerId" : "memberServerIds";
			Server server = found.get(memberId);
			if (server == null) {
				throw new InvalidFieldException(field, "server " + memberId + " does not exist");
			}
			if (server.nodeName() == null) {
				throw new InvalidFieldException(field, "server '" + server.name()
						+ "' has no RabbitMQ node name; set one before adding it to a cluster");
			}
			for (Cluster other : this.repository.findByMember(memberId)) {
				if (existing == null || !Objects.equals(other.id(), existing.id())) {
					throw new ConflictException(field, "server '" + server.name() + "' already belongs to cluster '"
							+ other.name() + "'; a RabbitMQ node can be in one cluster only");
				}
			}
		}
		Map<String, Server> byNode = new HashMap<>();
		for (Long memberId : members) {
			Server server = found.get(memberId);
			Server clash = byNode.putIfAbsent(server.nodeName() + "|" + server.toView().host(), server);
			if (clash != null) {
				throw new InvalidFieldException("memberServerIds", "servers '" + clash.name() + "' and '"
						+ server.name() + "' are the same node " + server.nodeName());
			}
		}
		return members;
	}

	private Map<Long, Server> serversOf(List<Long> ids) {
		return this.servers.findAllById(ids).stream().collect(Collectors.toMap(Server::id, Function.identity()));
	}

	private static ClusterView toView(Cluster cluster, Map<Long, Server> servers) {
		List<ClusterView.Member> members = cluster.memberServerIds().stream().map((id) -> {
			Server server = servers.get(id);
			ServerView view = server.toView();
			return new ClusterView.Member(id, view.name(), view.nodeName(), view.host(), view.amqpPort(),
					id.equals(cluster.primaryServerId()));
		}).toList();
		return new ClusterView(cluster.id(), cluster.name(), cluster.primaryServerId(), cluster.memberServerIds(),
				members, cluster.createdAt(), cluster.updatedAt());
	}

}
