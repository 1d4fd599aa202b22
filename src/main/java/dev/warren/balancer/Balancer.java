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

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Balancer() {
	}

	Balancer(BalancerCommand command, Instant now) {
		this.createdAt = now;
		apply(command, now);
	}

	final void apply(BalancerCommand command, Instant now) {
		this.name = command.name();
		this.kind = command.kind();
		this.clusterId = command.clusterId();
		this.hostServerId = command.hostServerId();
		this.listenAddress = command.listenAddress();
		this.listenPort = command.listenPort();
		this.configPath = command.configPath();
		this.validateCommand = command.validateCommand();
		this.reloadCommand = command.reloadCommand();
		this.updatedAt = now;
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

	boolean listensOn(String address, int port) {
		boolean anyAddress = isWildcard(address) || isWildcard(this.listenAddress);
		return this.listenPort == port && (anyAddress || this.listenAddress.equalsIgnoreCase(address));
	}

	private static boolean isWildcard(String address) {
		return "0.0.0.0".equals(address) || "::".equals(address);
	}

	BalancerView toView(String clusterName, String hostServerName) {
		return new BalancerView(this.id, this.name, this.kind, this.clusterId, clusterName, this.hostServerId,
				hostServerName, this.listenAddress, this.listenPort, this.configPath, this.validateCommand,
				this.reloadCommand, this.createdAt, this.updatedAt);
	}

}
