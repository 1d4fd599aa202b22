package dev.warren.remote;

import java.util.Locale;

import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.shared.Actor;
import dev.warren.shared.InvalidFieldException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SSH host key card on a server's page, and the button that trusts the key.
 */
@Controller
@RequestMapping("/servers/{id}/host-key")
class HostKeyController {

	static final String CARD = "remote/host-key :: card";

	private final RemoteShells remoteShells;

	private final Servers servers;

	HostKeyController(RemoteShells remoteShells, Servers servers) {
		this.remoteShells = remoteShells;
		this.servers = servers;
	}

	@GetMapping
	String card(@PathVariable long id, Model model) {
		ServerView server = this.servers.get(id);
		model.addAttribute("server", server);
		try {
			HostKeyStatus status = this.remoteShells.hostKeyStatus(id);
			model.addAttribute("status", status);
			model.addAttribute("hostKeyFile", hostKeyFile(server.os(), status.presented().type()));
		}
		catch (RemoteException ex) {
			model.addAttribute("status", null);
			model.addAttribute("unreachable", ex.getMessage());
			model.addAttribute("trusted", this.remoteShells.trustedKey(id).orElse(null));
		}
		return CARD;
	}

	@PostMapping("/trust")
	String trust(@PathVariable long id, @RequestParam(required = false) String fingerprint,
			RedirectAttributes redirect) {
		ServerView server = this.servers.get(id);
		try {
			HostKeyStatus status = this.remoteShells.trust(id, fingerprint, Actor.current());
			redirect.addFlashAttribute("success", "Trusted the " + status.presented().type() + " host key "
					+ status.presented().fingerprint() + " of '" + server.name() + "'.");
		}
		catch (InvalidFieldException ex) {
			redirect.addFlashAttribute("error", "The fingerprint " + ex.problems().get(0).message() + ".");
		}
		catch (RemoteException ex) {
			redirect.addFlashAttribute("error", "Nothing was trusted: " + ex.getMessage());
		}
		return "redirect:/servers/" + id;
	}

	/** Where the server keeps the public half of the key it presents. */
	static String hostKeyFile(OperatingSystem os, String keyType) {
		String kind = keyType.toLowerCase(Locale.ROOT);
		String name;
		if (kind.contains("ed25519")) {
			name = "ed25519";
		}
		else if (kind.startsWith("ecdsa")) {
			name = "ecdsa";
		}
		else if (kind.contains("rsa")) {
			name = "rsa";
		}
		else {
			name = "*";
		}
		String file = "ssh_host_" + name + "_key.pub";
		return (os == OperatingSystem.WINDOWS) ? "C:\\ProgramData\\ssh\\" + file : "/etc/ssh/" + file;
	}

}
