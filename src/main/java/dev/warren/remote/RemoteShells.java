package dev.warren.remote;

import org.springframework.stereotype.Service;

/**
 * Opens SSH sessions to inventory servers and manages their trusted host keys.
 */
@Service
public class RemoteShells {

	/**
	 * Connects and authenticates with the server's stored credentials, after checking its
	 * host key.
	 * @param actor who the commands run for, for the audit log
	 * @throws RemoteException HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, AUTHENTICATION_FAILED,
	 * CONNECT_FAILED
	 */
	public RemoteSession open(long serverId, String actor) {
		throw new UnsupportedOperationException("implemented with the remote module");
	}

	/**
	 * Connects just far enough to see the host key and compares it with the trusted one.
	 */
	public HostKeyStatus hostKeyStatus(long serverId) {
		throw new UnsupportedOperationException("implemented with the remote module");
	}

	/**
	 * Trusts the key the server presents now, if its fingerprint is the one the
	 * administrator confirmed; refuses otherwise.
	 */
	public HostKeyStatus trust(long serverId, String confirmedFingerprint, String actor) {
		throw new UnsupportedOperationException("implemented with the remote module");
	}

}
