package dev.warren.clustering;

/**
 * How a step ended: its exit code if it was a command, and why it failed, in one line.
 */
public record StepResult(boolean succeeded, Integer exitCode, String reason) {

}
