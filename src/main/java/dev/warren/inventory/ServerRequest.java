package dev.warren.inventory;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The API's shape of a server. Secrets go in; they never come back out.
 */
record ServerRequest(String name, String host, Integer sshPort, String sshUser, Auth auth, OperatingSystem os,
		String nodeName, Integer amqpPort, Integer managementPort, String managementUser,
		@Schema(description = "Omit (or null) to keep the stored password; an empty string removes it") String managementPassword,
		String rabbitmqctlPath, Boolean useSudo) {

	/** How the command's field names appear in this request. */
	static final Map<String, String> FIELD_NAMES = Map.of("authType", "auth.type", "password", "auth.password",
			"privateKey", "auth.privateKey", "passphrase", "auth.passphrase");

	/**
	 * SSH authentication. On an update, omitted secrets keep what is stored.
	 */
	record Auth(AuthType type, String password, String privateKey, String passphrase) {

	}

	ServerCommand toCommand(AuthType currentType) {
		Auth credentials = (this.auth != null) ? this.auth : new Auth(currentType, null, null, null);
		AuthType type = (credentials.type() != null || this.auth != null) ? credentials.type() : currentType;
		return new ServerCommand(this.name, this.host, this.sshPort, this.sshUser, type, credentials.password(),
				credentials.privateKey(), credentials.passphrase(), this.os, this.nodeName, this.amqpPort,
				this.managementPort, this.managementUser, this.managementPassword, "".equals(this.managementPassword),
				this.rabbitmqctlPath, Boolean.TRUE.equals(this.useSudo))
			.withDefaults();
	}

}
