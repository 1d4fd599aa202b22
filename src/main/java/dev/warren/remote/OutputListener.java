package dev.warren.remote;

/**
 * Receives a command's output line by line, as it arrives.
 */
@FunctionalInterface
public interface OutputListener {

	OutputListener NONE = (kind, line) -> {
	};

	void onLine(OutputKind kind, String line);

}
