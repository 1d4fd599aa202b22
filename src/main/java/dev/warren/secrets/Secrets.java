package dev.warren.secrets;

import java.util.UUID;

import dev.warren.shared.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores, replaces, reveals and deletes encrypted credentials. Plaintext is never logged
 * and never leaves this class except through {@link #reveal}.
 */
@Service
@Transactional
public class Secrets {

	private final StoredSecretRepository repository;

	private final SecretCipher cipher;

	Secrets(StoredSecretRepository repository, SecretsProperties properties) {
		this.repository = repository;
		this.cipher = new SecretCipher(SecretKeys.load(properties));
	}

	public SecretId put(String purpose, String plaintext) {
		String id = UUID.randomUUID().toString();
		this.repository.save(new StoredSecret(id, purpose, this.cipher.encrypt(plaintext, id)));
		return SecretId.of(id);
	}

	public void replace(SecretId id, String plaintext) {
		StoredSecret secret = find(id);
		secret.replace(this.cipher.encrypt(plaintext, secret.id()));
	}

	@Transactional(readOnly = true)
	public String reveal(SecretId id) {
		StoredSecret secret = find(id);
		return this.cipher.decrypt(secret.ciphertext(), secret.id());
	}

	public void delete(SecretId id) {
		if (id != null) {
			this.repository.deleteById(id.toString());
		}
	}

	private StoredSecret find(SecretId id) {
		return this.repository.findById(id.toString()).orElseThrow(() -> new NotFoundException("Secret", id));
	}

}
