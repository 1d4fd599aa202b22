package dev.warren.balancer;

/**
 * What Warren writes for an NGINX balancer: a whole {@code nginx.conf}, or only a
 * {@code stream {}} block that an existing {@code nginx.conf} includes at its top level.
 * HAProxy balancers ignore it.
 */
public enum NginxLayout {

	FULL_CONFIG("Complete nginx.conf", "nginx.conf"),

	INCLUDE("Include file for an existing nginx.conf", "rabbitmq-stream.conf");

	private final String label;

	private final String fileName;

	NginxLayout(String label, String fileName) {
		this.label = label;
		this.fileName = fileName;
	}

	public String label() {
		return this.label;
	}

	/** The name of the file Warren renders, as a download offers it. */
	public String fileName() {
		return this.fileName;
	}

}
