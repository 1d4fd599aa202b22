package dev.warren.balancer;

import dev.warren.inventory.OperatingSystem;

/**
 * The balancer software, with the file and commands an administrator gets unless they say
 * otherwise. {@code {file}} stands for the config file being validated.
 */
public enum BalancerKind {

	NGINX("nginx.conf"), HAPROXY("haproxy.cfg");

	private final String fileName;

	BalancerKind(String fileName) {
		this.fileName = fileName;
	}

	public String fileName() {
		return this.fileName;
	}

	public Defaults defaults(OperatingSystem os) {
		return defaults(os, NginxLayout.FULL_CONFIG);
	}

	/**
	 * The defaults for this layout of the config. An NGINX include file lives next to
	 * nginx.conf, or in {@code stream.d/} when a {@code stream {}} block includes it
	 * (never in conf.d, which Debian includes inside {@code http {}}), and is checked
	 * through the nginx.conf that includes it: its validate command names no
	 * {@code {file}}, so a push checks the new file under its live name, where that
	 * include reads it (after a backup, before the reload; the previous file is put back
	 * if it fails).
	 */
	public Defaults defaults(OperatingSystem os, NginxLayout layout) {
		if (this == NGINX && layout == NginxLayout.INCLUDE) {
			return (os == OperatingSystem.WINDOWS)
					? new Defaults("C:\\nginx\\conf\\" + layout.fileName(), "nginx.exe -t", "nginx.exe -s reload")
					: new Defaults("/etc/nginx/" + layout.fileName(), "nginx -t", "nginx -s reload");
		}
		if (this == NGINX && layout == NginxLayout.STREAM_INCLUDE) {
			return (os == OperatingSystem.WINDOWS)
					? new Defaults("C:\\nginx\\conf\\stream.d\\" + layout.fileName(), "nginx.exe -t",
							"nginx.exe -s reload")
					: new Defaults("/etc/nginx/stream.d/" + layout.fileName(), "nginx -t", "nginx -s reload");
		}
		return switch (this) {
			case NGINX -> (os == OperatingSystem.WINDOWS)
					? new Defaults("C:\\nginx\\conf\\nginx.conf", "nginx.exe -t -c {file}", "nginx.exe -s reload")
					: new Defaults("/etc/nginx/nginx.conf", "nginx -t -c {file}", "nginx -s reload");
			case HAPROXY ->
				new Defaults("/etc/haproxy/haproxy.cfg", "haproxy -c -f {file}", "systemctl reload haproxy");
		};
	}

	/**
	 * Where the config lives and how to check and apply it.
	 */
	public record Defaults(String configPath, String validateCommand, String reloadCommand) {

	}

}
