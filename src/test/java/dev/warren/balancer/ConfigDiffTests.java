package dev.warren.balancer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigDiffTests {

	@Test
	void showsChangedLinesAsAUnifiedDiff() {
		String diff = ConfigDiff.unified("old", "a\nb\nc\n", "new", "a\nB\nc\n");
		assertThat(diff).startsWith("--- old\n+++ new\n").contains("@@ -1,4 +1,4 @@", "-b\n", "+B\n", " a\n");
	}

	@Test
	void isEmptyForTheSameContentAndWholeForANewFile() {
		assertThat(ConfigDiff.unified("old", "x\n", "new", "x\r\n")).isEmpty();
		assertThat(ConfigDiff.unified("old", "", "new", "x\ny\n")).contains("+x\n", "+y\n");
	}

}
