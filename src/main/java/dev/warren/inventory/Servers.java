package dev.warren.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.warren.audit.AuditEntry;
import dev.warren.audit.AuditLog;
import dev.warren.secrets.SecretId;
import dev.warren.secrets.Secrets;
import dev.warren.shared.AdminOnlyFields;
import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes servers, keeping their secrets in {@link Secrets} and an
 * audit record of every change, all in one transaction.
 */
@Service
@Transactional
public class Servers {

	private static final String TYPE = "SERVER";

	private final ServerRepository repository;

	private final Secrets secrets;

	private final AuditLog auditLog;

	private final List<InventoryUsage> usages;

	private final Clock clock;

	Servers(ServerRepository repository, Secrets secrets, AuditLog auditLog, List<InventoryUsage> usages, Clock clock) {
		this.repository = repository;
		this.secrets = secrets;
		this.auditLog = auditLog;
		this.usages = usages;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<ServerView> list() {
		return this.repository.findAllByOrderByNameAsc().stream().map(Server::toView).toList();
	}

	@Transactional(readOnly = true)
	public ServerView get(long id) {
		return find(id).toView();
	}

	@Transactional(readOnly = true)
	public Optional<ServerView> findById(long id) {
		return this.repository.findById(id).map(Server::toView);
	}

	@Transactional(readOnly = true)
	public ServerCredentials credentials(long id) {
		return find(id).credentials();
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.repository.count();
	}

	public ServerView create(ServerCommand command) {
		ServerCommand server = command.withDefaults();
		AdminOnlyFields.check()
			.field("rabbitmqctlPath", server.os().defaultRabbitmqctlPath(), server.rabbitmqctlPath())
			.field("useSudo", false, server.useSudo())
			.orRefuse();
		checkRules(server, null);
		requireSecretFor(server, null);
		Server created = new Server(server, this.clock.instant());
		storeSecrets(created, server);
		this.repository.saveAndFlush(created);
		ServerView view = created.toView();
		this.auditLog.record(AuditEntry.created(TYPE, view.id(), "Created server '" + view.name() + "'", view));
		return view;
	}

	public ServerView update(long id, ServerCommand command) {
		Server server = find(id);
		ServerView before = server.toView();
		ServerCommand changed = command.withDefaults();
		AdminOnlyFields.check()
			.field("rabbitmqctlPath", before.rabbitmqctlPath(), changed.rabbitmqctlPath())
			.field("useSudo", before.useSudo(), changed.useSudo())
			.orRefuse();
		checkRules(changed, server);
		requireSecretFor(changed, server);
		server.apply(changed, this.clock.instant());
		storeSecrets(server, changed);
		this.repository.saveAndFlush(server);
		ServerView after = server.toView();
		this.auditLog.record(AuditEntry.updated(TYPE, id, "Updated server '" + after.name() + "'", before, after));
		return after;
	}

	public void delete(long id) {
		Server server = find(id);
		List<String> reasons = new ArrayList<>();
		this.usages.forEach((usage) -> reasons.addAll(usage.usesOfServer(id)));
		if (!reasons.isEmpty()) {
			throw new ConflictException(null,
					"Server '" + server.name() + "' is still in use: " + String.join("; ", reasons) + ".");
		}
		ServerView before = server.toView();
		ServerCredentials credentials = server.credentials();
		this.repository.delete(server);
		this.repository.flush();
		List.of(Optional.ofNullable(credentials.password()), Optional.ofNullable(credentials.privateKey()),
				Optional.ofNullable(credentials.passphrase()), Optional.ofNullable(credentials.managementPassword()))
			.forEach((secret) -> secret.ifPresent(this.secrets::delete));
		this.auditLog.record(AuditEntry.deleted(TYPE, id, "Deleted server '" + before.name() + "'", before));
	}

	private Server find(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("Server", id));
	}

	private void checkRules(ServerCommand command, Server existing) {
		this.repository.findByNameIgnoreCase(command.name())
			.filter((other) -> existing == null || !Objects.equals(other.id(), existing.id()))
			.ifPresent((other) -> {
				throw new ConflictException("name", "A server named '" + other.name() + "' already exists");
			});
		if (command.useSudo() && command.os() == OperatingSystem.WINDOWS) {
			throw new InvalidFieldException("useSudo", "sudo applies to Linux servers only");
		}
		if (!ServerCommand.isBlank(command.managementPassword()) && command.managementUser() == null) {
			throw new InvalidFieldException("managementUser", "set the management user that this password belongs to");
		}
		if (!ServerCommand.isBlank(command.privateKey()) && !PrivateKeys.looksLikePrivateKey(command.privateKey())) {
			throw new InvalidFieldException("privateKey",
					"must be a private key in OpenSSH, PEM (PKCS#1 or PKCS#8) or PuTTY format, starting with its BEGIN line");
		}
		if (existing != null && existing.nodeName() != null && !Objects.equals(existing.nodeName(), command.nodeName())
				&& !this.usages.stream().allMatch((usage) -> usage.usesOfServer(existing.id()).isEmpty())) {
			throw new ConflictException("nodeName",
					"The node name cannot change while the server belongs to a cluster or hosts a balancer");
		}
	}

	private void requireSecretFor(ServerCommand command, Server existing) {
		boolean keepsType = existing != null && existing.authType() == command.authType();
		if (command.authType() == AuthType.PASSWORD && ServerCommand.isBlank(command.password())
				&& !(keepsType && existing.passwordSecret() != null)) {
			throw new InvalidFieldException("password", "is required for password authentication");
		}
		if (command.authType() == AuthType.PRIVATE_KEY && ServerCommand.isBlank(command.privateKey())
				&& !(keepsType && existing.privateKeySecret() != null)) {
			throw new InvalidFieldException("privateKey", "is required for private-key authentication");
		}
	}

	private void storeSecrets(Server server, ServerCommand command) {
		if (command.authType() == AuthType.PASSWORD) {
			server.passwordSecret(put(server.passwordSecret(), "ssh-password", command.password()));
			server.privateKeySecret(drop(server.privateKeySecret()));
			server.passphraseSecret(drop(server.passphraseSecret()));
		}
		else {
			server.privateKeySecret(put(server.privateKeySecret(), "ssh-private-key", command.privateKey()));
			boolean newKey = !ServerCommand.isBlank(command.privateKey());
			if (!ServerCommand.isBlank(command.passphrase())) {
				server.passphraseSecret(put(server.passphraseSecret(), "ssh-passphrase", command.passphrase()));
			}
			else if (newKey) {
				// A new key without a passphrase: the old passphrase belonged to the old
				// key.
				server.passphraseSecret(drop(server.passphraseSecret()));
			}
			server.passwordSecret(drop(server.passwordSecret()));
		}
		if (command.managementUser() == null || command.clearManagementPassword()) {
			server.managementPasswordSecret(drop(server.managementPasswordSecret()));
		}
		else {
			server.managementPasswordSecret(
					put(server.managementPasswordSecret(), "management-password", command.managementPassword()));
		}
	}

	private SecretId put(SecretId current, String purpose, String value) {
		if (ServerCommand.isBlank(value)) {
			return current;
		}
		if (current == null) {
			return this.secrets.put(purpose, value);
		}
		this.secrets.replace(current, value);
		return current;
	}

	private SecretId drop(SecretId current) {
		this.secrets.delete(current);
		return null;
	}

}
