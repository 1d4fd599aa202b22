package dev.warren.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What Warren accepts as a host: a DNS name per RFC 1123 or an IPv4/IPv6 literal. Nothing
 * else can reach a command line, so no character a shell would interpret ever gets
 * through.
 */
public final class HostNames {

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

	private HostNames() {
	}

	public static boolean isValidHost(String value) {
		if (value == null || value.isEmpty() || value.length() > 253) {
			return false;
		}
		if (value.indexOf(':') >= 0) {
			return isIpv6Literal(value);
		}
		if (DOTTED_NUMBERS.matcher(value).matches()) {
			return isIpv4Literal(value);
		}
		return isDnsName(value);
	}

	public static boolean isDnsName(String value) {
		if (value == null || value.isEmpty() || value.length() > 253 || value.endsWith(".")) {
			return false;
		}
		for (String label : value.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

	public static boolean isIpv4Literal(String value) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(part) > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
				return false;
			}
		}
		return true;
	}

	public static boolean isIpv6Literal(String value) {
		if (value.length() > 45 || !IPV6_CHARACTERS.matcher(value).matches()) {
			return false;
		}
		try {
			// Only hex digits, colons and dots reach this point: the JDK parses that as a
			// literal
			// and never asks DNS.
			return InetAddress.getByName(value) instanceof Inet6Address;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	public static boolean isIpLiteral(String value) {
		return value != null && (value.indexOf(':') >= 0 ? isIpv6Literal(value) : isIpv4Literal(value));
	}

}
