package dev.warren.balancer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.warren.inventory.OperatingSystem;

/**
 * Every variant of a balancer config, each rendered from the same cluster at a fixed time
 * by a fixed Warren version, so that the golden files stay put. The upstreams are
 * loopback addresses and {@code localhost} only, so that {@code nginx -t} and
 * {@code haproxy -c} resolve nothing off the machine; the listen ports are far from the
 * lab's.
 */
final class ConfigVariants {

	static final Instant GENERATED_AT = Instant.parse("2025-06-01T12:00:00Z");

	static final String VERSION = "1.2.3-golden";

	static final int LISTEN_PORT = 35672;

	static final int MANAGEMENT_PORT = 45672;

	static final List<ConfigSpec.Upstream> MEMBERS = List.of(
			new ConfigSpec.Upstream("Server_B", "bunny@serverb", "::1", 5674, 15674),
			new ConfigSpec.Upstream("ServerA", "rabbit@servera", "127.0.0.1", 5672, 15672),
			new ConfigSpec.Upstream("Server B", "hare@serverb", "localhost", 5673, 15673));

	private ConfigVariants() {
	}

	/**
	 * One rendering to check.
	 *
	 * @param name the golden file's name without extension
	 */
	record Variant(String name, ConfigSpec spec) {

		String fileName() {
			return this.name + ((this.spec.kind() == BalancerKind.HAPROXY) ? ".cfg" : ".conf");
		}

		RenderedConfig render() {
			return BalancerConfigs.render(this.spec, GENERATED_AT, VERSION);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * NGINX: each layout on each OS with each method, with and without the management
	 * port and PROXY protocol; HAProxy: each method, with and without both; plus one of
	 * each with every other setting changed and an IPv6 listen address.
	 */
	static List<Variant> all() {
		List<Variant> variants = new ArrayList<>();
		for (OperatingSystem os : OperatingSystem.values()) {
			for (NginxLayout layout : NginxLayout.values()) {
				for (BalancingMethod method : BalancingMethod.values()) {
					for (boolean management : new boolean[] { false, true }) {
						for (boolean proxyProtocol : new boolean[] { false, true }) {
							String name = "nginx-" + os.name().toLowerCase(Locale.ROOT) + "-" + layoutSlug(layout) + "-"
									+ slug(method) + (management ? "-management" : "")
									+ (proxyProtocol ? "-proxy-protocol" : "");
							variants.add(new Variant(name, spec(BalancerKind.NGINX, os, "0.0.0.0",
									settings(method, management, proxyProtocol, layout))));
						}
					}
				}
			}
		}
		for (BalancingMethod method : BalancingMethod.values()) {
			for (boolean management : new boolean[] { false, true }) {
				for (boolean proxyProtocol : new boolean[] { false, true }) {
					String name = "haproxy-" + slug(method) + (management ? "-management" : "")
							+ (proxyProtocol ? "-proxy-protocol" : "");
					variants.add(new Variant(name, spec(BalancerKind.HAPROXY, OperatingSystem.LINUX, "0.0.0.0",
							settings(method, management, proxyProtocol, NginxLayout.FULL_CONFIG))));
				}
			}
		}
		BalancerSettings tuned = new BalancerSettings(BalancingMethod.LEAST_CONNECTIONS, 3, 300, 3, 30, 500, 3, 2, true,
				MANAGEMENT_PORT, false, NginxLayout.FULL_CONFIG, BalancerSettings.DEFAULT_UPSTREAM_NAME);
		variants.add(new Variant("nginx-linux-full-tuned-ipv6",
				spec(BalancerKind.NGINX, OperatingSystem.LINUX, "::", tuned)));
		variants.add(new Variant("haproxy-tuned-ipv6", spec(BalancerKind.HAPROXY, OperatingSystem.LINUX, "::", tuned)));
		// One member taken out by Warren's ejection (issue 11).
		for (BalancerKind kind : BalancerKind.values()) {
			ConfigSpec spec = spec(kind, OperatingSystem.LINUX, "0.0.0.0",
					settings(BalancingMethod.ROUND_ROBIN, true, false, NginxLayout.FULL_CONFIG));
			List<ConfigSpec.Upstream> members = new ArrayList<>(spec.upstreams());
			ConfigSpec.Upstream hare = members.get(2);
			members.set(2, new ConfigSpec.Upstream(hare.serverName(), hare.nodeName(), hare.host(), hare.amqpPort(),
					hare.managementPort(), 3L, true));
			variants.add(new Variant((kind == BalancerKind.NGINX) ? "nginx-linux-full-ejected" : "haproxy-ejected",
					new ConfigSpec(spec.balancerName(), spec.clusterName(), kind, spec.os(), spec.listenAddress(),
							spec.listenPort(), spec.configPath(), spec.validateCommand(), spec.reloadCommand(),
							spec.settings(), members)));
		}
		return variants;
	}

	static ConfigSpec spec(BalancerKind kind, OperatingSystem os, String listenAddress, BalancerSettings settings) {
		BalancerKind.Defaults defaults = kind.defaults(os, settings.nginxLayout());
		return new ConfigSpec("amqp-lb", "orders", kind, os, listenAddress, LISTEN_PORT, defaults.configPath(),
				defaults.validateCommand(), defaults.reloadCommand(), settings, MEMBERS);
	}

	static BalancerSettings settings(BalancingMethod method, boolean management, boolean proxyProtocol,
			NginxLayout layout) {
		BalancerSettings d = BalancerSettings.DEFAULTS;
		return new BalancerSettings(method, d.connectTimeoutSeconds(), d.idleTimeoutSeconds(), d.maxFails(),
				d.failTimeoutSeconds(), d.checkIntervalMillis(), d.checkFall(), d.checkRise(), management,
				MANAGEMENT_PORT, proxyProtocol, layout, d.upstreamName());
	}

	private static String layoutSlug(NginxLayout layout) {
		return switch (layout) {
			case FULL_CONFIG -> "full";
			case INCLUDE -> "include";
			case STREAM_INCLUDE -> "stream-include";
		};
	}

	private static String slug(BalancingMethod method) {
		return switch (method) {
			case ROUND_ROBIN -> "round-robin";
			case LEAST_CONNECTIONS -> "least-connections";
			case HASH_CLIENT_ADDRESS -> "hash-client-address";
		};
	}

}
