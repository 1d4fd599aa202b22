package dev.warren.remote;

/**
 * An SSH server's public host key as presented during the handshake.
 *
 * @param type the key type, e.g. {@code ssh-ed25519}
 * @param fingerprint the SHA-256 fingerprint as OpenSSH prints it ({@code SHA256:…})
 * @param publicKey the key itself, base64
 */
public record HostKey(String type, String fingerprint, String publicKey) {

}
