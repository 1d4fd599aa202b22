package dev.warren.remote;

import java.time.Clock;
import java.util.Optional;

import com.jcraft.jsch.Session;
import dev.warren.audit.AuditLog;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.secrets.KnownHosts;
import dev.warren.secrets.Secrets;
import dev.warren.secrets.TrustedHostKey;
import dev.warren.shared.InvalidFieldException;

import org.springframework.stereotype.Service;

/**
 * Opens SSH sessions to inventory servers and manages their trusted host keys.
 */
@Service
public class RemoteShells {

	private final Servers servers;

	private final Secrets secrets;

	private final KnownHosts knownHosts;

	private final SshConnections connections;

	private final AuditLog auditLog;

	private final RemoteProperties properties;

	private final Clock clock;

	RemoteShells(Servers servers, Secrets secrets, KnownHosts knownHosts, SshConnections connections, AuditLog auditLog,
			RemoteProperties properties, Clock clock) {
		this.servers = servers;
		this.secrets = secrets;
		this.knownHosts = knownHosts;
		this.connections = connections;
		this.auditLog = auditLog;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Connects and authenticates with the server's stored credentials, after checking its
	 * host key.
	 * @param actor who the commands run for, for the audit log
	 * @throws RemoteException HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, AUTHENTICATION_FAILED,
	 * CONNECT_FAILED
	 */
	public RemoteSession open(long serverId, String actor) {
		ServerView server = this.servers.get(serverId);
		TrustedHostKey trusted = trustedKey(server).orElse(null);
		LoginSecrets login = LoginSecrets.reveal(this.servers.credentials(serverId), this.secrets);
		Session session = this.connections.open(server, login, trusted);
		return new JschSession(server, session, actor, this.auditLog, this.properties, this.clock, login.values());
	}

	/**
	 * Connects just far enough to see the host key and compares it with the trusted one.
	 * @throws RemoteException CONNECT_FAILED when the server cannot be reached
	 */
	public HostKeyStatus hostKeyStatus(long serverId) {
		ServerView server = this.servers.get(serverId);
		TrustedHostKey trusted = trustedKey(server).orElse(null);
		HostKey presented = this.connections.probe(server, trusted);
		return status(presented, trusted);
	}

	/**
	 * Trusts the key the server presents now, if its fingerprint is the one the
	 * administrator confirmed; refuses otherwise.
	 * @throws InvalidFieldException naming {@code fingerprint} when it is blank or does
	 * not match what the server presents now
	 * @throws RemoteException CONNECT_FAILED when the server cannot be reached
	 */
	public HostKeyStatus trust(long serverId, String confirmedFingerprint, String actor) {
		if (confirmedFingerprint == null || confirmedFingerprint.isBlank()) {
			throw new InvalidFieldException("fingerprint", "is required: the SHA-256 fingerprint you checked");
		}
		ServerView server = this.servers.get(serverId);
		TrustedHostKey trusted = trustedKey(server).orElse(null);
		HostKey presented = this.connections.probe(server, trusted);
		if (!sameFingerprint(presented.fingerprint(), confirmedFingerprint)) {
			throw new InvalidFieldException("fingerprint",
					"does not match the fingerprint of the host key that the server presents now; "
							+ "check the key again, nothing was trusted");
		}
		TrustedHostKey now = this.knownHosts.trust(server.host(), server.sshPort(), presented.type(),
				presented.publicKey(), actor, "server '" + server.name() + "', id " + server.id());
		return status(presented, now);
	}

	/** The key trusted for the server's endpoint, without contacting it. */
	Optional<TrustedHostKey> trustedKey(long serverId) {
		return trustedKey(this.servers.get(serverId));
	}

	private Optional<TrustedHostKey> trustedKey(ServerView server) {
		return this.knownHosts.find(server.host(), server.sshPort());
	}

	private static HostKeyStatus status(HostKey presented, TrustedHostKey trusted) {
		if (trusted == null) {
			return new HostKeyStatus(HostKeyStatus.State.UNKNOWN, presented, null, null, null);
		}
		HostKeyStatus.State state = HostKeys.sameKey(presented, trusted) ? HostKeyStatus.State.TRUSTED
				: HostKeyStatus.State.CHANGED;
		return new HostKeyStatus(state, presented, HostKeys.of(trusted), trusted.trustedBy(), trusted.trustedAt());
	}

	/** Accepts the fingerprint with or without its {@code SHA256:} prefix. */
	static boolean sameFingerprint(String presented, String confirmed) {
		String given = confirmed.strip();
		if (!given.startsWith("SHA256:")) {
			given = "SHA256:" + given;
		}
		return presented.equals(given);
	}

}
