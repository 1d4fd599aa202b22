/**
 * Credentials encrypted at rest (AES-GCM) with a key kept outside the database. Other
 * modules keep only a {@link dev.warren.secrets.SecretId}; the plaintext leaves this
 * module only through {@link dev.warren.secrets.Secrets#reveal}, for the moment a
 * connection needs it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Secrets")
package dev.warren.secrets;
