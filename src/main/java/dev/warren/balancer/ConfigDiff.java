package dev.warren.balancer;

import java.util.Arrays;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * A unified diff between two versions of a config file, by java-diff-utils.
 */
final class ConfigDiff {

	private ConfigDiff() {
	}

	/** The diff, or an empty string when both are the same. */
	static String unified(String oldName, String oldContent, String newName, String newContent) {
		List<String> before = lines(oldContent);
		List<String> after = lines(newContent);
		Patch<String> patch = DiffUtils.diff(before, after);
		if (patch.getDeltas().isEmpty()) {
			return "";
		}
		return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, before, patch, 3)) + "\n";
	}

	private static List<String> lines(String content) {
		return content.isEmpty() ? List.of() : Arrays.asList(content.replace("\r\n", "\n").split("\n", -1));
	}

}
