package dev.warren.remote;

import java.time.Instant;

import dev.warren.shared.InvalidFieldException;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The host key card in each state and who may press its button. No SSH here: the states
 * come from a stand-in for {@link RemoteShells}.
 */
@WarrenTest
class HostKeyPagesTests {

	private static final HostKey KEY_A = new HostKey("ssh-ed25519",
			"SHA256:aaaaFingerprintOfTheTrustedKey0000000000000", "AAAAC3NzaC1lZDI1NTE5AAAAIA==");

	private static final HostKey KEY_B = new HostKey("ssh-ed25519",
			"SHA256:bbbbFingerprintOfThePresentedKey00000000000", "AAAAC3NzaC1lZDI1NTE5AAAAIB==");

	private static final Instant TRUSTED_AT = Instant.parse("2026-03-04T05:06:07Z");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	RemoteShells remoteShells;

	private long id;

	@BeforeEach
	void server() {
		this.id = new Api(this.mvc).server("LINUX");
	}

	@Test
	void showsATrustedKeyWithWhoTrustedItAndNoButton() {
		given(this.remoteShells.hostKeyStatus(this.id))
			.willReturn(new HostKeyStatus(HostKeyStatus.State.TRUSTED, KEY_A, KEY_A, "admin", TRUSTED_AT));
		assertThat(card(Accounts.ADMIN)).hasStatusOk()
			.bodyText()
			.contains("class=\"card shadow-sm h-100\"", "data-state=\"TRUSTED\"", "text-bg-success",
					KEY_A.fingerprint(), "admin", "2026-03-04 05:06:07 UTC")
			.doesNotContain("trust-host-key", "<html", "<nav");
	}

	@Test
	void asksToCompareAnUnknownKeyAndLetsOperatorsTrustIt() {
		given(this.remoteShells.hostKeyStatus(this.id))
			.willReturn(new HostKeyStatus(HostKeyStatus.State.UNKNOWN, KEY_B, null, null, null));
		for (String user : new String[] { Accounts.ADMIN, Accounts.OPERATOR }) {
			assertThat(card(user)).as(user)
				.hasStatusOk()
				.bodyText()
				.contains("data-state=\"UNKNOWN\"", "text-bg-warning", "First contact",
						"ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub", KEY_B.fingerprint(),
						"data-testid=\"trust-host-key\"", "action=\"/servers/" + this.id + "/host-key/trust\"",
						"name=\"fingerprint\" value=\"" + KEY_B.fingerprint() + "\"", "name=\"_csrf\"");
		}
	}

	@Test
	void warnsLoudlyAboutAChangedKeyShowingBothFingerprints() {
		given(this.remoteShells.hostKeyStatus(this.id))
			.willReturn(new HostKeyStatus(HostKeyStatus.State.CHANGED, KEY_B, KEY_A, "operator", TRUSTED_AT));
		assertThat(card(Accounts.OPERATOR)).hasStatusOk()
			.bodyText()
			.contains("data-state=\"CHANGED\"", "text-bg-danger", "WARNING", "man in the middle", KEY_A.fingerprint(),
					KEY_B.fingerprint(), "Trust the new key",
					"name=\"fingerprint\" value=\"" + KEY_B.fingerprint() + "\"");
	}

	@Test
	void explainsWhyTheKeyCannotBeRead() {
		given(this.remoteShells.hostKeyStatus(this.id)).willThrow(new RemoteException(
				RemoteException.Kind.CONNECT_FAILED, "Cannot reach root@h:22 to read its host key: refused"));
		assertThat(card(Accounts.VIEWER)).hasStatusOk()
			.bodyText()
			.contains("data-state=\"UNREACHABLE\"", "Cannot reach root@h:22 to read its host key: refused",
					"No key is trusted")
			.doesNotContain("trust-host-key");
	}

	@Test
	void viewersSeeNoTrustButtonAndCannotTrust() {
		given(this.remoteShells.hostKeyStatus(this.id))
			.willReturn(new HostKeyStatus(HostKeyStatus.State.UNKNOWN, KEY_B, null, null, null));
		for (HostKeyStatus.State state : new HostKeyStatus.State[] { HostKeyStatus.State.UNKNOWN,
				HostKeyStatus.State.CHANGED }) {
			given(this.remoteShells.hostKeyStatus(this.id)).willReturn(
					new HostKeyStatus(state, KEY_B, (state == HostKeyStatus.State.CHANGED) ? KEY_A : null, null, null));
			assertThat(card(Accounts.VIEWER)).as(state.name())
				.hasStatusOk()
				.bodyText()
				.contains(KEY_B.fingerprint())
				.doesNotContain("trust-host-key", "/host-key/trust");
		}
		assertThat(this.mvc.post()
			.uri("/servers/{id}/host-key/trust", this.id)
			.session(login(Accounts.VIEWER))
			.with(csrf())
			.param("fingerprint", KEY_B.fingerprint())).hasStatus(403);
		verify(this.remoteShells, never()).trust(anyLong(), anyString(), anyString());
	}

	@Test
	void trustingRedirectsBackWithAMessage() {
		given(this.remoteShells.trust(this.id, KEY_B.fingerprint(), Accounts.OPERATOR))
			.willReturn(new HostKeyStatus(HostKeyStatus.State.TRUSTED, KEY_B, KEY_B, "operator", TRUSTED_AT));
		MvcTestResult trusted = trustAs(Accounts.OPERATOR, KEY_B.fingerprint());
		assertThat(trusted).hasStatus(302).redirectedUrl().isEqualTo("/servers/" + this.id);
		assertThat(trusted).flash().containsKey("success");
		assertThat((String) trusted.getMvcResult().getFlashMap().get("success")).contains(KEY_B.fingerprint());

		given(this.remoteShells.trust(this.id, KEY_A.fingerprint(), Accounts.OPERATOR)).willThrow(
				new InvalidFieldException("fingerprint", "does not match the fingerprint the server presents now"));
		MvcTestResult refused = trustAs(Accounts.OPERATOR, KEY_A.fingerprint());
		assertThat(refused).hasStatus(302).redirectedUrl().isEqualTo("/servers/" + this.id);
		assertThat((String) refused.getMvcResult().getFlashMap().get("error")).contains("does not match");
	}

	@Test
	void trustingNeedsTheCsrfToken() {
		assertThat(this.mvc.post()
			.uri("/servers/{id}/host-key/trust", this.id)
			.session(login(Accounts.ADMIN))
			.param("fingerprint", KEY_B.fingerprint())).hasStatus(403);
		verify(this.remoteShells, never()).trust(anyLong(), anyString(), anyString());
	}

	@Test
	void anUnknownServerIsNotFound() {
		assertThat(this.mvc.get().uri("/servers/987654/host-key").session(login(Accounts.ADMIN))).hasStatus(404);
	}

	private MvcTestResult card(String user) {
		return this.mvc.get().uri("/servers/{id}/host-key", this.id).session(login(user)).exchange();
	}

	private MvcTestResult trustAs(String user, String fingerprint) {
		return this.mvc.post()
			.uri("/servers/{id}/host-key/trust", this.id)
			.session(login(user))
			.with(csrf())
			.param("fingerprint", fingerprint)
			.exchange();
	}

	private MockHttpSession login(String user) {
		return Accounts.login(this.mvc, user);
	}

}
