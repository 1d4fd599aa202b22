package dev.warren.rabbitmq;

import dev.warren.inventory.Servers;
import dev.warren.remote.Privileges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What Warren needs on a RabbitMQ server, for the server page (a card loaded by htmx) and
 * for scripts.
 */
@Controller
@Tag(name = "Servers", description = "RabbitMQ servers: SSH endpoint, node name, ports")
class ServerPrivilegesController {

	private final Servers servers;

	ServerPrivilegesController(Servers servers) {
		this.servers = servers;
	}

	@GetMapping("/api/v1/servers/{id}/privileges")
	@ResponseBody
	@Operation(summary = "What Warren runs on the server through sudo -n (full paths), what it writes, and a "
			+ "sudoers drop-in that grants exactly that")
	Privileges privileges(@PathVariable long id) {
		return ServerPrivileges.of(this.servers.get(id));
	}

	@GetMapping("/servers/{id}/privileges")
	String card(@PathVariable long id, Model model) {
		model.addAttribute("privileges", ServerPrivileges.of(this.servers.get(id)));
		return "servers/privileges";
	}

}
