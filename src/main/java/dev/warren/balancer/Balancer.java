package dev.warren.balancer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "balancer")
class Balancer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@Column(nullable = false, unique = true, length = 64)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private BalancerKind kind;

	@Column(name = "cluster_id", nullable = false)
	private Long clusterId;

	@Column(name = "host_server_id", nullable = false)
	private Long hostServerId;

	@Column(name = "listen_address", nullable = false, length = 253)
	private String listenAddress;

	@Column(name = "listen_port", nullable = false)
	private int listenPort;

	@Column(name = "config_path", nullable = false, length = 500)
	private String configPath;

	@Column(name = "validate_command", nullable = false, length = 500)
	private String validateCommand;

	@Column(name = "reload_command", nullable = false, length = 500)
	private String reloadCommand;

	@Enumerated(EnumType.STRING)
	@Column(name = "balancing_method", nullable = false, length = 32)
	private BalancingMethod balancingMethod;

	@Column(name = "connect_timeout_seconds", nullable = false)
	private int connectTimeoutSeconds;

	@Column(name = "idle_timeout_seconds", nullable = false)
	private int idleTimeoutSeconds;

	@Column(name = "max_fails", nullable = false)
	private int maxFails;

	@Column(name = "fail_timeout_seconds", nullable = false)
	private int failTimeoutSeconds;

	@Column(name = "check_interval_millis", nullable = false)
	private int checkIntervalMillis;

	@Column(name = "check_fall", nullable = false)
	private int checkFall;

	@Column(name = "check_rise", nullable = false)
	private int checkRise;

	@Column(name = "balance_management", nullable = false)
	private boolean balanceManagement;

	@Column(name = "management_listen_port", nullable = false)
	private int managementListenPort;

	@Column(name = "proxy_protocol", nullable = false)
	private boolean proxyProtocol;

	@Enumerated(EnumType.STRING)
	@Column(name = "nginx_layout", nullable = false, length = 16)
	private NginxLayout nginxLayout;

	@Enumerated(EnumType.STRING)
	@Column(name = "file_access", nullable = false, length = 16)
	private FileAccess fileAccess = FileAccess.SUDO;

	@Column(name = "upstream_name", nullable = false, length = 48)
	private String upstreamName = BalancerSettings.DEFAULT_UPSTREAM_NAME;

	@Column(name = "pid_file", length = 500)
	private String pidFile;

	@Column(name = "error_log", length = 500)
	private String errorLog;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Balancer() {
	}

	Balancer(BalancerCommand command, BalancerSettings settings, Instant now) {
		this.createdAt = now;
		apply(command, settings, now);
	}

	/**
	 * @param command the definition, its paths and commands already completed
	 * @param settings the settings, every one of them given
	 */
	final void apply(BalancerCommand command, BalancerSettings settings, Instant now) {
		this.name = command.name();
		this.kind = command.kind();
		this.clusterId = command.clusterId();
		this.hostServerId = command.hostServerId();
		this.listenAddress = command.listenAddress();
		this.listenPort = command.listenPort();
		this.configPath = command.configPath();
		this.validateCommand = command.validateCommand();
		this.reloadCommand = command.reloadCommand();
		this.fileAccess = (command.fileAccess() != null) ? command.fileAccess() : FileAccess.SUDO;
		this.balancingMethod = settings.balancingMethod();
		this.connectTimeoutSeconds = settings.connectTimeoutSeconds();
		this.idleTimeoutSeconds = settings.idleTimeoutSeconds();
		this.maxFails = settings.maxFails();
		this.failTimeoutSeconds = settings.failTimeoutSeconds();
		this.checkIntervalMillis = settings.checkIntervalMillis();
		this.checkFall = settings.checkFall();
		this.checkRise = settings.checkRise();
		this.balanceManagement = settings.balanceManagement();
		this.managementListenPort = settings.managementListenPort();
		this.proxyProtocol = settings.proxyProtocol();
		this.nginxLayout = settings.nginxLayout();
		this.upstreamName = settings.upstreamName();
		this.pidFile = command.pidFile();
		this.errorLog = command.errorLog();
		this.updatedAt = now;
	}

	BalancerSettings settings() {
		return new BalancerSettings(this.balancingMethod, this.connectTimeoutSeconds, this.idleTimeoutSeconds,
				this.maxFails, this.failTimeoutSeconds, this.checkIntervalMillis, this.checkFall, this.checkRise,
				this.balanceManagement, this.managementListenPort, this.proxyProtocol, this.nginxLayout,
				this.upstreamName);
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	Long clusterId() {
		return this.clusterId;
	}

	Long hostServerId() {
		return this.hostServerId;
	}

	BalancerKind kind() {
		return this.kind;
	}

	String upstreamName() {
		return this.upstreamName;
	}

	/**
	 * Whether this balancer takes the port on that address, for AMQP or for the
	 * management UI.
	 */
	boolean listensOn(String address, int port) {
		boolean anyAddress = isWildcard(address) || isWildcard(this.listenAddress);
		boolean samePort = this.listenPort == port || (this.balanceManagement && this.managementListenPort == port);
		return samePort && (anyAddress || this.listenAddress.equalsIgnoreCase(address));
	}

	private static boolean isWildcard(String address) {
		return "0.0.0.0".equals(address) || "::".equals(address);
	}

	BalancerView toView(String clusterName, String hostServerName) {
		BalancerSettings settings = settings();
		return new BalancerView(this.id, this.name, this.kind, this.clusterId, clusterName, this.hostServerId,
				hostServerName, this.listenAddress, this.listenPort, this.configPath, this.validateCommand,
				this.reloadCommand, this.createdAt, this.updatedAt, this.balancingMethod, this.connectTimeoutSeconds,
				this.idleTimeoutSeconds, this.maxFails, this.failTimeoutSeconds, this.checkIntervalMillis,
				this.checkFall, this.checkRise, this.balanceManagement, this.managementListenPort, this.proxyProtocol,
				this.nginxLayout, this.fileAccess, settings.warnings(this.kind, this.validateCommand),
				this.upstreamName, this.pidFile, this.errorLog);
	}

}
