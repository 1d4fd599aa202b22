package dev.warren.balancer;

/**
 * A balancer's config file as Warren renders it: complete, ready to save under
 * {@code fileName} or to upload.
 * <p>
 * The content is a header followed by the body. The header is the leading comment lines
 * up to and including the line {@link #HEADER_END}; it says which balancer, cluster and
 * Warren version produced the file, when, and where it goes, so it changes with every
 * rendering. The body is everything after it and depends only on the balancer's
 * definition and the cluster's members: compare bodies ({@link #body()},
 * {@link #bodyOf(String)}, {@link #sameBodyAs(String)}) to tell whether a file on a host
 * still matches what Warren would write.
 *
 * @param fileName the file's usual name: {@code nginx.conf}, {@code rabbitmq-stream.conf}
 * (NGINX include layout) or {@code haproxy.cfg}
 * @param mediaType {@value #MEDIA_TYPE}
 * @param content header and body, lines ending in {@code \n}
 */
public record RenderedConfig(String fileName, String mediaType, String content) {

	public static final String MEDIA_TYPE = "text/plain;charset=UTF-8";

	/**
	 * The last line of Warren's header (NGINX and HAProxy both take {@code #} comments).
	 */
	public static final String HEADER_END = "# ---- end of Warren's header ----";

	public String header() {
		return this.content.substring(0, this.content.length() - body().length());
	}

	public String body() {
		return bodyOf(this.content);
	}

	/**
	 * The body of a file Warren wrote, e.g. one read back from a balancer host: what
	 * follows the first {@link #HEADER_END} line, with Windows line ends made {@code \n}.
	 * A file without that line (edited by hand, or never Warren's) is returned whole.
	 */
	public static String bodyOf(String content) {
		String text = content.replace("\r\n", "\n");
		int marker = text.startsWith(HEADER_END + "\n") ? 0 : text.indexOf("\n" + HEADER_END + "\n");
		if (marker < 0) {
			return text;
		}
		int start = (marker == 0) ? 0 : marker + 1;
		return text.substring(start + HEADER_END.length() + 1);
	}

	/** Whether the other file's body is this one's, whatever their headers say. */
	public boolean sameBodyAs(String otherContent) {
		return body().equals(bodyOf(otherContent));
	}

}
