package dev.warren.inventory;

import dev.warren.secrets.SecretId;

/**
 * Where a server's secrets are kept, for the modules that connect to it. Holding it
 * reveals nothing; {@code dev.warren.secrets.Secrets#reveal} does, at the moment of use.
 */
public record ServerCredentials(AuthType authType, SecretId password, SecretId privateKey, SecretId passphrase,
		SecretId managementPassword) {

}
