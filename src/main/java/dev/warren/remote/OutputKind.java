package dev.warren.remote;

/**
 * Which stream a line of output came from.
 */
public enum OutputKind {

	STDOUT, STDERR

}
