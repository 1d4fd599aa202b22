package dev.warren.balancer;

import dev.warren.shared.SafeCommand;
import dev.warren.shared.SafePath;
import dev.warren.shared.SafeText;
import dev.warren.shared.ValidHost;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A balancer's definition, as the form and the API send it. Blank config path and
 * commands take the defaults of its kind, layout and host OS; an omitted setting (from
 * {@code balancingMethod} on) takes its default when the balancer is created and keeps
 * its value when it is changed. A blank {@code pidFile} or {@code errorLog} (NGINX) is
 * learned from the host on every push ({@code nginx -T}).
 */
public record BalancerCommand(@NotBlank @Size(max = 64) @SafeText String name, @NotNull BalancerKind kind,
		@NotNull Long clusterId, @NotNull Long hostServerId, @Size(max = 253) @ValidHost String listenAddress,
		@NotNull @Min(1) @Max(65535) Integer listenPort, @Size(max = 500) @SafePath String configPath,
		@Size(max = 500) @SafeCommand String validateCommand, @Size(max = 500) @SafeCommand String reloadCommand,
		BalancingMethod balancingMethod,
		@Min(value = 1, message = SECONDS_1_3600) @Max(value = 3600,
				message = SECONDS_1_3600) Integer connectTimeoutSeconds,
		@Min(value = 1, message = "must be between 1 and 86400 seconds (24 h)") @Max(value = 86400,
				message = "must be between 1 and 86400 seconds (24 h)") Integer idleTimeoutSeconds,
		@Min(value = 0, message = "must be between 0 (never mark a node down) and 100") @Max(value = 100,
				message = "must be between 0 (never mark a node down) and 100") Integer maxFails,
		@Min(value = 1, message = SECONDS_1_3600) @Max(value = 3600,
				message = SECONDS_1_3600) Integer failTimeoutSeconds,
		@Min(value = 100, message = "must be between 100 and 60000 milliseconds") @Max(value = 60000,
				message = "must be between 100 and 60000 milliseconds") Integer checkIntervalMillis,
		@Min(value = 1, message = CHECKS_1_100) @Max(value = 100, message = CHECKS_1_100) Integer checkFall,
		@Min(value = 1, message = CHECKS_1_100) @Max(value = 100, message = CHECKS_1_100) Integer checkRise,
		Boolean balanceManagement, @Min(1) @Max(65535) Integer managementListenPort, Boolean proxyProtocol,
		NginxLayout nginxLayout, FileAccess fileAccess,
		@Pattern(regexp = UPSTREAM_NAME, message = UPSTREAM_NAME_MESSAGE) String upstreamName,
		@Size(max = 500) @SafePath String pidFile, @Size(max = 500) @SafePath String errorLog) {

	private static final String SECONDS_1_3600 = "must be between 1 and 3600 seconds";

	private static final String CHECKS_1_100 = "must be between 1 and 100 checks";

	/** An NGINX upstream or HAProxy proxy name that leaves room for its suffixes. */
	static final String UPSTREAM_NAME = "|[A-Za-z_][A-Za-z0-9_]{0,47}";

	private static final String UPSTREAM_NAME_MESSAGE = "must start with a letter or _ and hold only letters, digits "
			+ "and _ (at most 48), e.g. rabbitmq_orders";

	/**
	 * The settings this command gives, the missing ones taken from {@code fallback}.
	 */
	BalancerSettings settingsOr(BalancerSettings fallback) {
		return new BalancerSettings(or(this.balancingMethod, fallback.balancingMethod()),
				or(this.connectTimeoutSeconds, fallback.connectTimeoutSeconds()),
				or(this.idleTimeoutSeconds, fallback.idleTimeoutSeconds()), or(this.maxFails, fallback.maxFails()),
				or(this.failTimeoutSeconds, fallback.failTimeoutSeconds()),
				or(this.checkIntervalMillis, fallback.checkIntervalMillis()), or(this.checkFall, fallback.checkFall()),
				or(this.checkRise, fallback.checkRise()), or(this.balanceManagement, fallback.balanceManagement()),
				or(this.managementListenPort, fallback.managementListenPort()),
				or(this.proxyProtocol, fallback.proxyProtocol()), or(this.nginxLayout, fallback.nginxLayout()),
				isBlank(this.upstreamName) ? fallback.upstreamName() : this.upstreamName.strip());
	}

	/** Whether this command names its upstream (rather than keeping or defaulting it). */
	boolean namesUpstream() {
		return !isBlank(this.upstreamName);
	}

	/**
	 * This command with every setting it leaves out taken from {@code settings}.
	 */
	BalancerCommand withBlankSettingsAs(BalancerSettings settings) {
		BalancerSettings given = settingsOr(settings);
		return new BalancerCommand(this.name, this.kind, this.clusterId, this.hostServerId, this.listenAddress,
				this.listenPort, this.configPath, this.validateCommand, this.reloadCommand, given.balancingMethod(),
				given.connectTimeoutSeconds(), given.idleTimeoutSeconds(), given.maxFails(), given.failTimeoutSeconds(),
				given.checkIntervalMillis(), given.checkFall(), given.checkRise(), given.balanceManagement(),
				given.managementListenPort(), given.proxyProtocol(), given.nginxLayout(), this.fileAccess,
				this.upstreamName, this.pidFile, this.errorLog);
	}

	BalancerCommand withDefaults(BalancerKind.Defaults defaults) {
		return new BalancerCommand(strip(this.name), this.kind, this.clusterId, this.hostServerId,
				isBlank(this.listenAddress) ? "0.0.0.0" : this.listenAddress.strip(),
				(this.listenPort != null) ? this.listenPort : 5672,
				isBlank(this.configPath) ? defaults.configPath() : this.configPath.strip(),
				isBlank(this.validateCommand) ? defaults.validateCommand() : this.validateCommand.strip(),
				isBlank(this.reloadCommand) ? defaults.reloadCommand() : this.reloadCommand.strip(),
				this.balancingMethod, this.connectTimeoutSeconds, this.idleTimeoutSeconds, this.maxFails,
				this.failTimeoutSeconds, this.checkIntervalMillis, this.checkFall, this.checkRise,
				this.balanceManagement, this.managementListenPort, this.proxyProtocol, this.nginxLayout,
				(this.fileAccess != null) ? this.fileAccess : FileAccess.SUDO, strip(this.upstreamName),
				blankAsNull(this.pidFile), blankAsNull(this.errorLog));
	}

	BalancerCommand withListenPort(int port) {
		return new BalancerCommand(this.name, this.kind, this.clusterId, this.hostServerId, this.listenAddress, port,
				this.configPath, this.validateCommand, this.reloadCommand, this.balancingMethod,
				this.connectTimeoutSeconds, this.idleTimeoutSeconds, this.maxFails, this.failTimeoutSeconds,
				this.checkIntervalMillis, this.checkFall, this.checkRise, this.balanceManagement,
				this.managementListenPort, this.proxyProtocol, this.nginxLayout, this.fileAccess, this.upstreamName,
				this.pidFile, this.errorLog);
	}

	/** This command, keeping {@code stored} when it names no file access. */
	BalancerCommand withFileAccessOr(FileAccess stored) {
		return (this.fileAccess != null) ? this
				: new BalancerCommand(this.name, this.kind, this.clusterId, this.hostServerId, this.listenAddress,
						this.listenPort, this.configPath, this.validateCommand, this.reloadCommand,
						this.balancingMethod, this.connectTimeoutSeconds, this.idleTimeoutSeconds, this.maxFails,
						this.failTimeoutSeconds, this.checkIntervalMillis, this.checkFall, this.checkRise,
						this.balanceManagement, this.managementListenPort, this.proxyProtocol, this.nginxLayout, stored,
						this.upstreamName, this.pidFile, this.errorLog);
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String strip(String value) {
		return (value != null) ? value.strip() : null;
	}

	private static String blankAsNull(String value) {
		return isBlank(value) ? null : value.strip();
	}

}
