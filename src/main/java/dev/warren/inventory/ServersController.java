package dev.warren.inventory;

import dev.warren.shared.ConflictException;
import dev.warren.shared.FormErrors;
import dev.warren.shared.InvalidFieldException;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/servers")
class ServersController {

	static final String LIST = "servers/list";

	static final String DETAIL = "servers/detail";

	static final String FORM = "servers/form";

	private final Servers servers;

	private final Clusters clusters;

	ServersController(Servers servers, Clusters clusters) {
		this.servers = servers;
		this.clusters = clusters;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("servers", this.servers.list());
		return LIST;
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		model.addAttribute("server", this.servers.get(id));
		model.addAttribute("cluster", this.clusters.clusterOf(id).orElse(null));
		return DETAIL;
	}

	@GetMapping("/new")
	String newServer(Model model) {
		return form(model, ServerCommand.empty(), null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("server") ServerCommand server, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				ServerView created = this.servers.create(server);
				redirect.addFlashAttribute("success", "Server '" + created.name() + "' added.");
				created.warnings().forEach((warning) -> redirect.addFlashAttribute("warning", warning));
				return "redirect:/servers/" + created.id();
			}
			catch (InvalidFieldException | ConflictException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return form(model, server, null);
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		ServerView server = this.servers.get(id);
		return form(model, toCommand(server), server);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("server") ServerCommand server, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ServerView existing = this.servers.get(id);
		if (!result.hasErrors()) {
			try {
				ServerView updated = this.servers.update(id, server);
				redirect.addFlashAttribute("success", "Server '" + updated.name() + "' saved.");
				return "redirect:/servers/" + id;
			}
			catch (InvalidFieldException | ConflictException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return form(model, server, existing);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		String name = this.servers.get(id).name();
		try {
			this.servers.delete(id);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/servers/" + id;
		}
		redirect.addFlashAttribute("success", "Server '" + name + "' deleted.");
		return "redirect:/servers";
	}

	private String form(Model model, ServerCommand server, ServerView existing) {
		// On a re-shown form the bound object stays, so its BindingResult (the errors)
		// stays too. The
		// template never writes secret fields back into the page.
		if (!model.containsAttribute("server")) {
			model.addAttribute("server", server);
		}
		model.addAttribute("existing", existing);
		model.addAttribute("systems", OperatingSystem.values());
		return FORM;
	}

	static ServerCommand toCommand(ServerView view) {
		return new ServerCommand(view.name(), view.host(), view.sshPort(), view.sshUser(), view.auth().type(), null,
				null, null, view.os(), view.nodeName(), view.amqpPort(), view.managementPort(), view.managementUser(),
				null, false, view.rabbitmqctlPath(), view.useSudo());
	}

}
