package dev.warren.balancer;

/**
 * What Warren writes for an NGINX balancer: a whole {@code nginx.conf}, a {@code stream
 * {}} block that an existing {@code nginx.conf} includes at its top level, or only the
 * {@code upstream} and {@code server} blocks that an existing {@code stream {}} block
 * includes (the common {@code stream.d/*.conf} layout). HAProxy balancers ignore it.
 */
public enum NginxLayout {

	FULL_CONFIG("Complete nginx.conf", "nginx.conf"),

	INCLUDE("Include file for an existing nginx.conf (its own stream {} block)", "rabbitmq-stream.conf"),

	STREAM_INCLUDE("Include file inside an existing stream {} block (stream.d/)", "rabbitmq.conf");

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

	/**
	 * Whether Warren's file is included by a {@code nginx.conf} it does not write: it is
	 * validated through that nginx.conf and must be one of the files NGINX reads.
	 */
	public boolean included() {
		return this != FULL_CONFIG;
	}

	/** Where the {@code include} line that reads Warren's file belongs. */
	String includeContext() {
		return (this == STREAM_INCLUDE) ? "inside the stream {} block" : "at the top level, next to events {}";
	}

}
