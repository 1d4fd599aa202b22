package dev.warren.balancer;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.inventory.ClusterView;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.shared.AdminOnlyFields;
import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes balancer definitions.
 */
@Service
@Transactional
public class Balancers {

	private static final String TYPE = "BALANCER";

	private final BalancerRepository repository;

	private final Servers servers;

	private final Clusters clusters;

	private final AuditLog auditLog;

	private final Clock clock;

	Balancers(BalancerRepository repository, Servers servers, Clusters clusters, AuditLog auditLog, Clock clock) {
		this.repository = repository;
		this.servers = servers;
		this.clusters = clusters;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<BalancerView> list() {
		return this.repository.findAllByOrderByNameAsc().stream().map(this::toView).toList();
	}

	@Transactional(readOnly = true)
	public BalancerView get(long id) {
		return toView(find(id));
	}

	@Transactional(readOnly = true)
	public List<BalancerView> fronting(long clusterId) {
		return this.repository.findByClusterId(clusterId).stream().map(this::toView).toList();
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.repository.count();
	}

	public BalancerView create(BalancerCommand command) {
		BalancerSettings settings = freeUpstreamName(command, command.settingsOr(BalancerSettings.DEFAULTS));
		BalancerCommand balancer = completed(command, settings, null);
		BalancerKind.Defaults defaults = balancer.kind()
			.defaults(this.servers.get(balancer.hostServerId()).os(), settings.nginxLayout());
		AdminOnlyFields.check()
			.field("validateCommand", defaults.validateCommand(), balancer.validateCommand())
			.field("reloadCommand", defaults.reloadCommand(), balancer.reloadCommand())
			.field("fileAccess", FileAccess.SUDO, balancer.fileAccess())
			.orRefuse();
		Balancer created = new Balancer(balancer, settings, this.clock.instant());
		this.repository.saveAndFlush(created);
		BalancerView view = toView(created);
		this.auditLog.record(AuditEntry.created(TYPE, view.id(), "Created balancer '" + view.name() + "'", view));
		return view;
	}

	public BalancerView update(long id, BalancerCommand command) {
		Balancer balancer = find(id);
		BalancerView before = toView(balancer);
		BalancerSettings settings = command.settingsOr(balancer.settings());
		BalancerCommand changed = completed(command.withFileAccessOr(before.fileAccess()), settings, balancer);
		AdminOnlyFields.check()
			.field("validateCommand", before.validateCommand(), changed.validateCommand())
			.field("reloadCommand", before.reloadCommand(), changed.reloadCommand())
			.field("fileAccess", before.fileAccess(), changed.fileAccess())
			.orRefuse();
		balancer.apply(changed, settings, this.clock.instant());
		this.repository.saveAndFlush(balancer);
		BalancerView after = toView(balancer);
		this.auditLog.record(AuditEntry.updated(TYPE, id, "Updated balancer '" + after.name() + "'", before, after));
		return after;
	}

	public void delete(long id) {
		BalancerView before = toView(find(id));
		this.repository.deleteById(id);
		this.repository.flush();
		this.auditLog.record(AuditEntry.deleted(TYPE, id, "Deleted balancer '" + before.name() + "'", before));
	}

	private BalancerCommand completed(BalancerCommand command, BalancerSettings settings, Balancer existing) {
		this.repository.findByNameIgnoreCase(command.name().strip())
			.filter((other) -> existing == null || !Objects.equals(other.id(), existing.id()))
			.ifPresent((other) -> {
				throw new ConflictException("name", "A balancer named '" + other.name() + "' already exists");
			});
		ServerView host = this.servers.findById(command.hostServerId())
			.orElseThrow(() -> new InvalidFieldException("hostServerId",
					"server " + command.hostServerId() + " does not exist"));
		ClusterView cluster = this.clusters.findById(command.clusterId())
			.orElseThrow(
					() -> new InvalidFieldException("clusterId", "cluster " + command.clusterId() + " does not exist"));
		if (command.kind() == BalancerKind.HAPROXY && host.os() == OperatingSystem.WINDOWS) {
			throw new InvalidFieldException("kind",
					"HAProxy does not run on Windows; use NGINX on '" + host.name() + "'");
		}
		BalancerCommand completed = command.withDefaults(command.kind().defaults(host.os(), settings.nginxLayout()));
		checkLayout(completed, settings, host.os());
		checkPortsAreFree(completed, settings, host, existing);
		checkUpstreamNameIsFree(completed, settings, host, existing);
		if (cluster.members().isEmpty()) {
			throw new InvalidFieldException("clusterId", "cluster '" + cluster.name() + "' has no members");
		}
		return completed;
	}

	private static void checkLayout(BalancerCommand balancer, BalancerSettings settings, OperatingSystem os) {
		if (balancer.kind() == BalancerKind.NGINX && settings.nginxLayout().included()
				&& fileName(balancer.configPath()).equalsIgnoreCase(NginxLayout.FULL_CONFIG.fileName())) {
			throw new InvalidFieldException("configPath",
					"an include file must not replace nginx.conf: choose another file, e.g. "
							+ balancer.kind().defaults(os, settings.nginxLayout()).configPath()
							+ " (not in conf.d/, which Debian includes inside http {})");
		}
	}

	/**
	 * A new balancer that names no upstream takes {@code rabbitmq_amqp}, or, when another
	 * NGINX balancer on its host has that name, one made from its own name.
	 */
	private BalancerSettings freeUpstreamName(BalancerCommand command, BalancerSettings settings) {
		if (command.namesUpstream() || command.kind() != BalancerKind.NGINX || command.hostServerId() == null) {
			return settings;
		}
		boolean taken = this.repository.findByHostServerId(command.hostServerId())
			.stream()
			.anyMatch((other) -> other.kind() == BalancerKind.NGINX
					&& other.upstreamName().equalsIgnoreCase(settings.upstreamName()));
		if (!taken || command.name() == null) {
			return settings;
		}
		String base = command.name().strip().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
		base = base.isEmpty() || Character.isDigit(base.charAt(0)) ? "rabbitmq_" + base : base;
		return settings.withUpstreamName(base.substring(0, Math.min(base.length(), 43)) + "_amqp");
	}

	/**
	 * NGINX refuses a config in which two {@code upstream} blocks share a name, so two
	 * balancers on one host whose files one NGINX may read (any include layout) need
	 * different names.
	 */
	private void checkUpstreamNameIsFree(BalancerCommand balancer, BalancerSettings settings, ServerView host,
			Balancer existing) {
		if (balancer.kind() != BalancerKind.NGINX) {
			return;
		}
		Set<String> names = upstreamNames(settings);
		this.repository.findByHostServerId(balancer.hostServerId())
			.stream()
			.filter((other) -> existing == null || !Objects.equals(other.id(), existing.id()))
			.filter((other) -> other.kind() == BalancerKind.NGINX)
			.filter((other) -> settings.nginxLayout().included() || other.settings().nginxLayout().included())
			.filter((other) -> upstreamNames(other.settings()).stream().anyMatch(names::contains))
			.findFirst()
			.ifPresent((other) -> {
				throw new ConflictException("upstreamName",
						"balancer '" + other.name() + "' on '" + host.name() + "' already names its upstream '"
								+ other.upstreamName() + "': NGINX refuses two upstreams of one name, "
								+ "choose another (e.g. rabbitmq_" + balancer.name().replaceAll("[^A-Za-z0-9_]+", "_")
								+ ")");
			});
	}

	private static Set<String> upstreamNames(BalancerSettings settings) {
		Set<String> names = new HashSet<>();
		names.add(settings.upstreamName().toLowerCase(Locale.ROOT));
		if (settings.balanceManagement()) {
			names.add(settings.managementUpstreamName().toLowerCase(Locale.ROOT));
		}
		return names;
	}

	private static String fileName(String path) {
		return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
	}

	private void checkPortsAreFree(BalancerCommand balancer, BalancerSettings settings, ServerView host,
			Balancer existing) {
		if (settings.balanceManagement() && settings.managementListenPort() == balancer.listenPort()) {
			throw new InvalidFieldException("managementListenPort",
					"must differ from the AMQP listen port " + balancer.listenPort());
		}
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("listenPort", balancer.listenPort());
		if (settings.balanceManagement()) {
			ports.put("managementListenPort", settings.managementListenPort());
		}
		List<Balancer> others = this.repository.findByHostServerId(balancer.hostServerId())
			.stream()
			.filter((other) -> existing == null || !Objects.equals(other.id(), existing.id()))
			.toList();
		ports.forEach((field, port) -> others.stream()
			.filter((other) -> other.listensOn(balancer.listenAddress(), port))
			.findFirst()
			.ifPresent((other) -> {
				throw new ConflictException(field, "balancer '" + other.name() + "' already listens on port " + port
						+ " of '" + host.name() + "'");
			}));
	}

	private Balancer find(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("Balancer", id));
	}

	private BalancerView toView(Balancer balancer) {
		String clusterName = this.clusters.findById(balancer.clusterId()).map(ClusterView::name).orElse("?");
		String hostName = this.servers.findById(balancer.hostServerId()).map(ServerView::name).orElse("?");
		return balancer.toView(clusterName, hostName);
	}

	Optional<BalancerView> findById(long id) {
		return this.repository.findById(id).map(this::toView);
	}

}
