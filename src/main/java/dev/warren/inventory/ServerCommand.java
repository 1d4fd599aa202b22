package dev.warren.inventory;

import dev.warren.shared.SafePath;
import dev.warren.shared.SafeText;
import dev.warren.shared.ValidHost;
import dev.warren.shared.ValidNodeName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Everything needed to create or replace a server. Secret fields left {@code null} or
 * blank on an update keep what is stored. The form binds to it directly; the API builds
 * it from {@code ServerRequest}.
 */
public record ServerCommand(@NotBlank @Size(max = 64) @SafeText String name,
		@NotBlank @Size(max = 253) @ValidHost String host, @NotNull @Min(1) @Max(65535) Integer sshPort,
		@NotBlank @Size(max = 64) @Pattern(regexp = USER_PATTERN, message = USER_MESSAGE) String sshUser,
		@NotNull AuthType authType, @Size(max = 256) String password, @Size(max = 16384) String privateKey,
		@Size(max = 256) String passphrase, @NotNull OperatingSystem os,
		@Size(max = 255) @ValidNodeName String nodeName, @NotNull @Min(1) @Max(65535) Integer amqpPort,
		@NotNull @Min(1) @Max(65535) Integer managementPort,
		@Size(max = 64) @Pattern(regexp = USER_PATTERN, message = USER_MESSAGE) String managementUser,
		@Size(max = 256) String managementPassword, boolean clearManagementPassword,
		@Size(max = 500) @SafePath String rabbitmqctlPath, boolean useSudo) {

	static final String USER_PATTERN = "^$|^([A-Za-z0-9][A-Za-z0-9.-]{0,62}\\\\)?[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}$";

	static final String USER_MESSAGE = "must be a user name of letters, digits and . _ - @ (optionally DOMAIN\\user)";

	/**
	 * Fills what an administrator may leave out: standard ports, Linux, and the
	 * {@code rabbitmqctl} path of the chosen OS.
	 */
	public ServerCommand withDefaults() {
		OperatingSystem system = (this.os != null) ? this.os : OperatingSystem.LINUX;
		return new ServerCommand(trim(this.name), trim(this.host), (this.sshPort != null) ? this.sshPort : 22,
				trim(this.sshUser), this.authType, this.password, this.privateKey, this.passphrase, system,
				blankToNull(trim(this.nodeName)), (this.amqpPort != null) ? this.amqpPort : 5672,
				(this.managementPort != null) ? this.managementPort : 15672, blankToNull(trim(this.managementUser)),
				this.managementPassword, this.clearManagementPassword,
				isBlank(this.rabbitmqctlPath) ? system.defaultRabbitmqctlPath() : this.rabbitmqctlPath.strip(),
				this.useSudo);
	}

	static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String trim(String value) {
		return (value != null) ? value.strip() : null;
	}

	private static String blankToNull(String value) {
		return isBlank(value) ? null : value;
	}

}
