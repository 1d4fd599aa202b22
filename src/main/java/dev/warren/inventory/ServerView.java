package dev.warren.inventory;

import java.time.Instant;
import java.util.List;

/**
 * A server as pages and the API show it: secrets appear only as "stored" flags.
 */
public record ServerView(long id, String name, String host, int sshPort, String sshUser, AuthView auth,
		OperatingSystem os, String nodeName, int amqpPort, int managementPort, String managementUser,
		boolean managementPasswordStored, String rabbitmqctlPath, boolean useSudo, List<String> warnings,
		Instant createdAt, Instant updatedAt) {

	/**
	 * The authentication method and which secrets are on file.
	 */
	public record AuthView(AuthType type, boolean passwordStored, boolean privateKeyStored, boolean passphraseStored) {

	}

	public String sshEndpoint() {
		return this.sshUser + "@" + this.host + ((this.sshPort != 22) ? ":" + this.sshPort : "");
	}

}
