package dev.warren.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.warren.secrets.SecretId;
import dev.warren.shared.HostNames;
import dev.warren.shared.NodeNames;
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
@Table(name = "server")
class Server {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@Column(nullable = false, unique = true, length = 64)
	private String name;

	@Column(nullable = false, length = 253)
	private String host;

	@Column(name = "ssh_port", nullable = false)
	private int sshPort;

	@Column(name = "ssh_user", nullable = false, length = 64)
	private String sshUser;

	@Enumerated(EnumType.STRING)
	@Column(name = "auth_type", nullable = false, length = 16)
	private AuthType authType;

	@Column(name = "password_secret", length = 36)
	private String passwordSecret;

	@Column(name = "private_key_secret", length = 36)
	private String privateKeySecret;

	@Column(name = "passphrase_secret", length = 36)
	private String passphraseSecret;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private OperatingSystem os;

	@Column(name = "node_name", length = 255)
	private String nodeName;

	@Column(name = "amqp_port", nullable = false)
	private int amqpPort;

	@Column(name = "management_port", nullable = false)
	private int managementPort;

	@Column(name = "management_user", length = 64)
	private String managementUser;

	@Column(name = "management_password_secret", length = 36)
	private String managementPasswordSecret;

	@Column(name = "rabbitmqctl_path", nullable = false, length = 500)
	private String rabbitmqctlPath;

	@Column(name = "use_sudo", nullable = false)
	private boolean useSudo;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Server() {
	}

	Server(ServerCommand command, Instant now) {
		this.createdAt = now;
		apply(command, now);
	}

	final void apply(ServerCommand command, Instant now) {
		this.name = command.name();
		this.host = command.host();
		this.sshPort = command.sshPort();
		this.sshUser = command.sshUser();
		this.authType = command.authType();
		this.os = command.os();
		this.nodeName = command.nodeName();
		this.amqpPort = command.amqpPort();
		this.managementPort = command.managementPort();
		this.managementUser = command.managementUser();
		this.rabbitmqctlPath = command.rabbitmqctlPath();
		this.useSudo = command.useSudo();
		this.updatedAt = now;
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	String nodeName() {
		return this.nodeName;
	}

	AuthType authType() {
		return this.authType;
	}

	SecretId passwordSecret() {
		return secretId(this.passwordSecret);
	}

	SecretId privateKeySecret() {
		return secretId(this.privateKeySecret);
	}

	SecretId passphraseSecret() {
		return secretId(this.passphraseSecret);
	}

	SecretId managementPasswordSecret() {
		return secretId(this.managementPasswordSecret);
	}

	void passwordSecret(SecretId id) {
		this.passwordSecret = text(id);
	}

	void privateKeySecret(SecretId id) {
		this.privateKeySecret = text(id);
	}

	void passphraseSecret(SecretId id) {
		this.passphraseSecret = text(id);
	}

	void managementPasswordSecret(SecretId id) {
		this.managementPasswordSecret = text(id);
	}

	ServerCredentials credentials() {
		return new ServerCredentials(this.authType, passwordSecret(), privateKeySecret(), passphraseSecret(),
				managementPasswordSecret());
	}

	ServerView toView() {
		return new ServerView(this.id, this.name, this.host, this.sshPort, this.sshUser,
				new ServerView.AuthView(this.authType, this.passwordSecret != null, this.privateKeySecret != null,
						this.passphraseSecret != null),
				this.os, this.nodeName, this.amqpPort, this.managementPort, this.managementUser,
				this.managementPasswordSecret != null, this.rabbitmqctlPath, this.useSudo, warnings(), this.createdAt,
				this.updatedAt);
	}

	/**
	 * Things that are allowed but often wrong, shown next to the server.
	 */
	List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		if (this.nodeName != null) {
			String nodeHost = NodeNames.hostPart(this.nodeName);
			if (!sameHost(nodeHost, this.host)) {
				warnings.add("The node name's host part '" + nodeHost + "' differs from the SSH host '" + this.host
						+ "'. That is right only if the node was started under that host name; node names are "
						+ "case-sensitive and must match exactly.");
			}
			if (HostNames.isIpLiteral(nodeHost)) {
				warnings
					.add("The node name uses an IP address as its host part. RabbitMQ nodes normally use short host "
							+ "names; clustering with an IP works only when the nodes use long names.");
			}
		}
		if (this.os == OperatingSystem.WINDOWS && !this.rabbitmqctlPath.toLowerCase(Locale.ROOT).endsWith(".bat")) {
			warnings.add("On Windows, rabbitmqctl is a batch file (rabbitmqctl.bat).");
		}
		return warnings;
	}

	private static boolean sameHost(String nodeHost, String sshHost) {
		if (nodeHost.equalsIgnoreCase(sshHost)) {
			return true;
		}
		String shortSsh = HostNames.isIpLiteral(sshHost) ? sshHost : sshHost.split("\\.")[0];
		String shortNode = HostNames.isIpLiteral(nodeHost) ? nodeHost : nodeHost.split("\\.")[0];
		return shortSsh.equalsIgnoreCase(shortNode);
	}

	private static SecretId secretId(String value) {
		return (value != null) ? SecretId.of(value) : null;
	}

	private static String text(SecretId id) {
		return (id != null) ? id.toString() : null;
	}

}
