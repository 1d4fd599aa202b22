package dev.warren.clustering;

/**
 * One preflight row: what was checked on which server, the verdict, and the evidence (the
 * command and its output) behind a toggle.
 */
public record PreflightCheck(String server, String check, Verdict verdict, String detail, String command,
		String output) {

	public enum Verdict {

		PASS, WARN, FAIL, SKIP

	}

	public boolean failed() {
		return this.verdict == Verdict.FAIL;
	}

}
