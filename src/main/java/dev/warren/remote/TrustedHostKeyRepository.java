package dev.warren.remote;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import dev.warren.secrets.TrustedHostKey;

/**
 * What JSch asks during the handshake, answered from the one key trusted for this
 * endpoint: the same key is {@code OK}, another key is {@code CHANGED}, no trusted key is
 * {@code NOT_INCLUDED}. With {@code StrictHostKeyChecking=yes} JSch then aborts right
 * after the key exchange, before any credential or command is sent. The presented key is
 * kept so that the caller can say which key was refused. In probe mode every key is
 * refused: the connection only serves to see the key.
 */
final class TrustedHostKeyRepository implements HostKeyRepository {

	private static final com.jcraft.jsch.HostKey[] NONE = new com.jcraft.jsch.HostKey[0];

	private final TrustedHostKey trusted;

	private final boolean probe;

	private volatile HostKey presented;

	private volatile int verdict = -1;

	private TrustedHostKeyRepository(TrustedHostKey trusted, boolean probe) {
		this.trusted = trusted;
		this.probe = probe;
	}

	/** Accepts exactly the trusted key ({@code null}: none is trusted yet). */
	static TrustedHostKeyRepository checking(TrustedHostKey trusted) {
		return new TrustedHostKeyRepository(trusted, false);
	}

	/** Refuses every key after noting it. */
	static TrustedHostKeyRepository probing() {
		return new TrustedHostKeyRepository(null, true);
	}

	@Override
	public int check(String host, byte[] key) {
		HostKey seen = HostKeys.of(key);
		this.presented = seen;
		int result;
		if (this.probe || this.trusted == null) {
			result = NOT_INCLUDED;
		}
		else {
			result = HostKeys.sameKey(seen, this.trusted) ? OK : CHANGED;
		}
		this.verdict = result;
		return result;
	}

	HostKey presented() {
		return this.presented;
	}

	boolean refusedAsUnknown() {
		return !this.probe && this.verdict == NOT_INCLUDED;
	}

	boolean refusedAsChanged() {
		return this.verdict == CHANGED;
	}

	boolean accepted() {
		return this.verdict == OK;
	}

	@Override
	public void add(com.jcraft.jsch.HostKey hostkey, UserInfo ui) {
		// Never called with StrictHostKeyChecking=yes. Keys are trusted only through
		// KnownHosts, after a person confirmed the fingerprint.
	}

	@Override
	public void remove(String host, String type) {
	}

	@Override
	public void remove(String host, String type, byte[] key) {
	}

	@Override
	public String getKnownHostsRepositoryID() {
		return "Warren's trusted host keys";
	}

	@Override
	public com.jcraft.jsch.HostKey[] getHostKey() {
		return NONE;
	}

	@Override
	public com.jcraft.jsch.HostKey[] getHostKey(String host, String type) {
		// Asked for revoked keys (none here) and, when enabled, for the preferred key
		// type, which SshConnections sets itself.
		return NONE;
	}

}
