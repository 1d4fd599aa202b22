package dev.warren.health;

import java.util.regex.Pattern;

/**
 * Rendered HTML made small and plain for pages and streams sent hundreds of times: the
 * templates' indentation dropped (a line break stays, so words stay apart) and every
 * character beyond ASCII written as a character reference, so that the text is one byte
 * per character and encodes on Java's fast path. Only for HTML without {@code <pre>} or
 * {@code <textarea>}.
 */
final class CompactHtml {

	private static final Pattern INDENTATION = Pattern.compile("\\n[ \\t]+");

	private CompactHtml() {
	}

	static String of(String html) {
		String compact = INDENTATION.matcher(html).replaceAll("\n");
		if (compact.chars().allMatch((c) -> c < 0x80)) {
			return compact;
		}
		StringBuilder ascii = new StringBuilder(compact.length() + 64);
		compact.codePoints().forEach((codePoint) -> {
			if (codePoint < 0x80) {
				ascii.append((char) codePoint);
			}
			else {
				ascii.append("&#x").append(Integer.toHexString(codePoint)).append(';');
			}
		});
		return ascii.toString();
	}

}
