package dev.warren.health;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompactHtmlTests {

	@Test
	void dropsIndentationButKeepsWordsApart() {
		assertThat(CompactHtml.of("<div>\n    <span>DOWN</span>\n\t\t<span>since</span>\n</div>"))
			.isEqualTo("<div>\n<span>DOWN</span>\n<span>since</span>\n</div>");
	}

	@Test
	void writesEveryCharacterBeyondAsciiAsAReference() {
		assertThat(CompactHtml.of("<span title=\"3 nodes · 1 balancer\">—</span> 🐇 café"))
			.isEqualTo("<span title=\"3 nodes &#xb7; 1 balancer\">&#x2014;</span> &#x1f407; caf&#xe9;");
	}

	@Test
	void leavesPlainAsciiAsItIs() {
		String html = "<a href=\"/health/nodes/5\">rabbit@bench-4</a>";
		assertThat(CompactHtml.of(html)).isSameAs(html);
	}

}
