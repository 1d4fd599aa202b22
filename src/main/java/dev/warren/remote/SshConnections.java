package dev.warren.remote;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import dev.warren.inventory.ServerView;
import dev.warren.secrets.TrustedHostKey;

import org.springframework.stereotype.Component;

/**
 * Opens JSch sessions: modern algorithms only, the host key checked against the trusted
 * one before anything else is sent, and JSch's errors turned into
 * {@link RemoteException}s that say what happened.
 */
@Component
class SshConnections {

	private static final String KEX = "mlkem768x25519-sha256,curve25519-sha256,curve25519-sha256@libssh.org,"
			+ "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
			+ "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256";

	/** Plain keys only: Warren keeps no certificate authorities. */
	private static final String HOST_KEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
			+ "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

	private static final String CIPHERS = "aes256-gcm@openssh.com,aes128-gcm@openssh.com,chacha20-poly1305@openssh.com,"
			+ "aes256-ctr,aes192-ctr,aes128-ctr";

	private static final String MACS = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,"
			+ "hmac-sha2-512";

	private static final String PUBLIC_KEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
			+ "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

	private final RemoteProperties properties;

	SshConnections(RemoteProperties properties) {
		this.properties = properties;
	}

	/**
	 * Connects and logs in, if the server presents the trusted key.
	 * @param trusted the key trusted for this endpoint, or {@code null}
	 */
	Session open(ServerView server, LoginSecrets login, TrustedHostKey trusted) {
		JSch jsch = new JSch();
		if (!login.usesPassword()) {
			try {
				jsch.addIdentity("warren-server-" + server.id(), login.privateKey(), null, login.passphrase());
			}
			catch (JSchException ex) {
				// JSch's message is not shown: it is about the key material.
				throw new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED,
						"The stored private key of server '" + server.name()
								+ "' cannot be used: it is malformed, in an unsupported format, or its passphrase is wrong");
			}
		}
		TrustedHostKeyRepository hostKeys = TrustedHostKeyRepository.checking(trusted);
		Session session = newSession(jsch, server.sshUser(), server.host(), server.sshPort(), trusted, hostKeys);
		session.setConfig("PreferredAuthentications", login.usesPassword() ? "password" : "publickey");
		if (login.usesPassword()) {
			session.setPassword(login.password());
		}
		try {
			session.connect(millis(this.properties.connectTimeout()));
			return session;
		}
		catch (JSchException ex) {
			session.disconnect();
			throw translated(ex, server, hostKeys, trusted);
		}
	}

	/**
	 * Connects just far enough to see the host key, and hangs up before logging in.
	 * @param trusted the key trusted for this endpoint, or {@code null}: the server is
	 * asked for a key of the same type, as when connecting for real
	 */
	HostKey probe(ServerView server, TrustedHostKey trusted) {
		TrustedHostKeyRepository hostKeys = TrustedHostKeyRepository.probing();
		Session session = newSession(new JSch(), server.sshUser(), server.host(), server.sshPort(), trusted, hostKeys);
		try {
			session.connect(millis(this.properties.connectTimeout()));
		}
		catch (JSchException ex) {
			if (hostKeys.presented() != null) {
				return hostKeys.presented();
			}
			throw new RemoteException(RemoteException.Kind.CONNECT_FAILED,
					"Cannot reach " + endpoint(server) + " to read its host key: " + reason(ex), ex);
		}
		finally {
			session.disconnect();
		}
		throw new IllegalStateException("JSch accepted a host key that the probe refused");
	}

	private Session newSession(JSch jsch, String user, String host, int port, TrustedHostKey trusted,
			TrustedHostKeyRepository hostKeys) {
		Session session;
		try {
			session = jsch.getSession(user, host, port);
			session.setServerAliveInterval(millis(this.properties.keepaliveInterval()));
		}
		catch (JSchException ex) {
			throw new RemoteException(RemoteException.Kind.CONNECT_FAILED,
					"Cannot prepare an SSH connection to " + host + ":" + port + ": " + ex.getMessage(), ex);
		}
		session.setServerAliveCountMax(this.properties.keepaliveCountMax());
		session.setHostKeyRepository(hostKeys);
		session.setConfig("StrictHostKeyChecking", "yes");
		session.setConfig("HashKnownHosts", "no");
		session.setConfig("prefer_known_host_key_types", "no");
		session.setConfig("server_host_key", hostKeyAlgorithms(trusted));
		session.setConfig("kex", KEX);
		session.setConfig("cipher.c2s", CIPHERS);
		session.setConfig("cipher.s2c", CIPHERS);
		session.setConfig("mac.c2s", MACS);
		session.setConfig("mac.s2c", MACS);
		session.setConfig("PubkeyAcceptedAlgorithms", PUBLIC_KEY_ALGORITHMS);
		session.setConfig("enable_strict_kex", "yes");
		session.setConfig("compression.c2s", "none");
		session.setConfig("compression.s2c", "none");
		session.setDaemonThread(true);
		return session;
	}

	/**
	 * The trusted key's type first, so that a server with several host keys presents the
	 * one that was trusted (as OpenSSH does with {@code known_hosts}).
	 */
	static String hostKeyAlgorithms(TrustedHostKey trusted) {
		if (trusted == null) {
			return HOST_KEY_ALGORITHMS;
		}
		String preferred = "ssh-rsa".equals(trusted.type()) ? "rsa-sha2-512,rsa-sha2-256" : trusted.type();
		StringBuilder algorithms = new StringBuilder(preferred);
		for (String algorithm : HOST_KEY_ALGORITHMS.split(",")) {
			if (!("," + preferred + ",").contains("," + algorithm + ",")) {
				algorithms.append(',').append(algorithm);
			}
		}
		return algorithms.toString();
	}

	private static RemoteException translated(JSchException ex, ServerView server, TrustedHostKeyRepository hostKeys,
			TrustedHostKey trusted) {
		HostKey presented = hostKeys.presented();
		if (hostKeys.refusedAsUnknown()) {
			return new RemoteException(RemoteException.Kind.HOST_KEY_UNKNOWN, "The SSH host key of " + endpoint(server)
					+ " is not trusted yet. The server presents the " + presented.type() + " key "
					+ presented.fingerprint()
					+ ". Compare it with the output of ssh-keygen -lf on the server's host key file, then trust it on the server's page. Nothing was sent to the server.");
		}
		if (hostKeys.refusedAsChanged()) {
			return new RemoteException(RemoteException.Kind.HOST_KEY_CHANGED, "WARNING: THE SSH HOST KEY OF "
					+ endpoint(server) + " HAS CHANGED. Expected the " + trusted.type() + " key "
					+ trusted.fingerprint() + " (trusted by " + trusted.trustedBy() + " at " + trusted.trustedAt()
					+ "), but the server presents the " + presented.type() + " key " + presented.fingerprint()
					+ ". Someone may be intercepting the connection (man in the middle), or the server was reinstalled. "
					+ "Nothing was sent and no command ran. Check the key on the server before trusting the new one.");
		}
		if (hostKeys.accepted() && isAuthenticationFailure(ex)) {
			return new RemoteException(RemoteException.Kind.AUTHENTICATION_FAILED, "The server " + endpoint(server)
					+ " refused the stored credentials of user '" + server.sshUser() + "'");
		}
		if (hostKeys.accepted()) {
			return new RemoteException(RemoteException.Kind.CONNECT_FAILED,
					"The SSH connection to " + endpoint(server) + " failed during login: " + reason(ex), ex);
		}
		return new RemoteException(RemoteException.Kind.CONNECT_FAILED,
				"Cannot connect to " + endpoint(server) + ": " + reason(ex), ex);
	}

	private static boolean isAuthenticationFailure(JSchException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.startsWith("Auth fail") || message.startsWith("Auth cancel");
	}

	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause instanceof ConnectException) {
			return "the connection was refused (is sshd running on that port?)";
		}
		if (cause instanceof SocketTimeoutException) {
			return "no answer in time";
		}
		if (cause instanceof UnknownHostException) {
			return "the host name does not resolve";
		}
		if (cause instanceof NoRouteToHostException) {
			return "no route to the host";
		}
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message : cause.getClass().getSimpleName();
	}

	static String endpoint(ServerView server) {
		return server.sshUser() + "@" + server.host() + ":" + server.sshPort();
	}

	private static int millis(java.time.Duration duration) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
	}

}
