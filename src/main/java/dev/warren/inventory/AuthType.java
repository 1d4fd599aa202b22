package dev.warren.inventory;

/**
 * How Warren logs in to a server over SSH.
 */
public enum AuthType {

	PASSWORD, PRIVATE_KEY

}
