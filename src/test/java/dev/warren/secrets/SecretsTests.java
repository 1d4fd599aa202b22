package dev.warren.secrets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretsTests {

	@TempDir
	Path dir;

	@Test
	void encryptsWithAFreshNonceAndDecryptsBack() {
		SecretCipher cipher = new SecretCipher(SecretKeys.load(new SecretsProperties(null, this.dir.resolve("k"))));
		String first = cipher.encrypt("p4ssw0rd", "id-1");
		String second = cipher.encrypt("p4ssw0rd", "id-1");
		assertThat(first).isNotEqualTo(second).doesNotContain("p4ssw0rd");
		assertThat(cipher.decrypt(first, "id-1")).isEqualTo("p4ssw0rd");
	}

	@Test
	void refusesCiphertextMovedToAnotherRowOrAltered() {
		SecretCipher cipher = new SecretCipher(SecretKeys.load(new SecretsProperties(null, this.dir.resolve("k"))));
		String sealed = cipher.encrypt("p4ssw0rd", "id-1");
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(sealed, "id-2"));
		byte[] bytes = Base64.getDecoder().decode(sealed);
		bytes[bytes.length - 1] ^= 1;
		assertThatIllegalStateException()
			.isThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes), "id-1"));
	}

	@Test
	void refusesToDecryptWithAnotherKey() {
		SecretCipher one = new SecretCipher(SecretKeys.load(new SecretsProperties(null, this.dir.resolve("one"))));
		SecretCipher two = new SecretCipher(SecretKeys.load(new SecretsProperties(null, this.dir.resolve("two"))));
		assertThatIllegalStateException().isThrownBy(() -> two.decrypt(one.encrypt("x", "id"), "id"))
			.withMessageContaining("key differs");
	}

	@Test
	void createsTheKeyFileOnceWithOwnerOnlyPermissions() throws Exception {
		Path file = this.dir.resolve("data/secret.key");
		SecretKey created = SecretKeys.load(new SecretsProperties(null, file));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		SecretKey loaded = SecretKeys.load(new SecretsProperties(null, file));
		assertThat(loaded.getEncoded()).isEqualTo(created.getEncoded());
	}

	@Test
	void prefersAKeyFromTheEnvironmentAndChecksItsLength() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		assertThat(SecretKeys.load(new SecretsProperties(key, this.dir.resolve("unused"))).getEncoded()).hasSize(32);
		assertThat(this.dir.resolve("unused")).doesNotExist();
		assertThatIllegalStateException()
			.isThrownBy(() -> SecretKeys.load(new SecretsProperties("c2hvcnQ=", this.dir.resolve("unused"))))
			.withMessageContaining("32 bytes");
	}

}
