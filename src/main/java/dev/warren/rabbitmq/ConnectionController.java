package dev.warren.rabbitmq;

import dev.warren.inventory.Servers;
import dev.warren.shared.Actor;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Connection" card of a server's page, loaded (and refreshed after a test) by htmx.
 * Without htmx, the test button posts the usual way and comes back to the server's page.
 */
@Controller
class ConnectionController {

	static final String CARD = "rabbitmq/connection :: card";

	private final Servers servers;

	private final ConnectionChecks checks;

	ConnectionController(Servers servers, ConnectionChecks checks) {
		this.servers = servers;
		this.checks = checks;
	}

	@GetMapping("/servers/{id}/connection")
	String card(@PathVariable long id, Model model) {
		model.addAttribute("server", this.servers.get(id));
		model.addAttribute("check", this.checks.latest(id).orElse(null));
		return CARD;
	}

	@PostMapping("/servers/{id}/connection-test")
	String test(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		ConnectionCheck check = this.checks.test(id, Actor.current());
		if (htmx != null) {
			model.addAttribute("server", this.servers.get(id));
			model.addAttribute("check", check);
			return CARD;
		}
		String outcome = switch (check.overall()) {
			case PASS -> "success";
			case WARN -> "warning";
			case FAIL -> "error";
		};
		redirect.addFlashAttribute(outcome, "Connection test: " + summary(check));
		return "redirect:/servers/" + id;
	}

	private static String summary(ConnectionCheck check) {
		return check.items()
			.stream()
			.filter((item) -> item.status() == check.overall())
			.map((item) -> item.name() + ": " + item.detail())
			.findFirst()
			.orElse(check.overall().name());
	}

}
