package dev.warren.shared;

/**
 * One rejected input: the field as the caller named it, and why.
 */
public record FieldProblem(String field, String message) {

}
