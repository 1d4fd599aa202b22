package dev.warren.balancer;

import dev.warren.shared.SafeCommand;
import dev.warren.shared.SafePath;
import dev.warren.shared.SafeText;
import dev.warren.shared.ValidHost;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A balancer's definition. Blank config path and commands take the defaults of its kind
 * and of the host's OS.
 */
public record BalancerCommand(@NotBlank @Size(max = 64) @SafeText String name, @NotNull BalancerKind kind,
		@NotNull Long clusterId, @NotNull Long hostServerId, @Size(max = 253) @ValidHost String listenAddress,
		@NotNull @Min(1) @Max(65535) Integer listenPort, @Size(max = 500) @SafePath String configPath,
		@Size(max = 500) @SafeCommand String validateCommand, @Size(max = 500) @SafeCommand String reloadCommand) {

	BalancerCommand withDefaults(BalancerKind.Defaults defaults) {
		return new BalancerCommand(strip(this.name), this.kind, this.clusterId, this.hostServerId,
				isBlank(this.listenAddress) ? "0.0.0.0" : this.listenAddress.strip(),
				(this.listenPort != null) ? this.listenPort : 5672,
				isBlank(this.configPath) ? defaults.configPath() : this.configPath.strip(),
				isBlank(this.validateCommand) ? defaults.validateCommand() : this.validateCommand.strip(),
				isBlank(this.reloadCommand) ? defaults.reloadCommand() : this.reloadCommand.strip());
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String strip(String value) {
		return (value != null) ? value.strip() : null;
	}

}
