package dev.warren.shared;

import java.util.regex.Pattern;

/**
 * RabbitMQ node names, {@code name@host}. Erlang compares them byte for byte, so they are
 * kept exactly as typed: {@code rabbit@ServerA} and {@code rabbit@servera} are two
 * different nodes.
 */
public final class NodeNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private NodeNames() {
	}

	public static boolean isValid(String value) {
		if (value == null || value.length() > 255) {
			return false;
		}
		int at = value.indexOf('@');
		if (at <= 0 || at != value.lastIndexOf('@')) {
			return false;
		}
		return NAME.matcher(value.substring(0, at)).matches() && HostNames.isValidHost(value.substring(at + 1))
				&& value.substring(at + 1).indexOf(':') < 0;
	}

	public static String hostPart(String nodeName) {
		int at = nodeName.indexOf('@');
		return (at < 0) ? "" : nodeName.substring(at + 1);
	}

}
