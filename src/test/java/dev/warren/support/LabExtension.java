package dev.warren.support;

import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when the lab is up. Without it the test is skipped with a loud reason,
 * or fails when {@code WARREN_LAB_REQUIRED=true} (as in CI), so a missing part never
 * passes quietly.
 */
class LabExtension implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		Optional<Lab> lab = Lab.find();
		if (lab.isPresent()) {
			return ConditionEvaluationResult.enabled("the lab is running (" + Lab.stateFile() + ")");
		}
		String reason = "The lab is not running: no " + Lab.stateFile() + ". Start it with 'lab/start' "
				+ "(after 'lab/install'), or run the whole suite with 'lab/test'.";
		if (Lab.isRequired()) {
			throw new IllegalStateException("WARREN_LAB_REQUIRED=true but " + reason);
		}
		System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

}
