package dev.warren.secrets;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the encryption key comes from.
 *
 * @param key base64 of a 256-bit AES key (environment variable
 * {@code WARREN_SECRETS_KEY}); when set, the key file is not used
 * @param keyFile the key file, created at first start with owner-only permissions when
 * {@code key} is not set
 */
@ConfigurationProperties("warren.secrets")
public record SecretsProperties(String key, Path keyFile) {

}
