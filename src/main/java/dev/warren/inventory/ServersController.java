package dev.warren.inventory;

import dev.warren.shared.ConflictException;
import dev.warren.shared.FormErrors;
import dev.warren.shared.InvalidFieldException;
import jakarta.validation.Validator;

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

	private final Validator validator;

	ServersController(Servers servers, Clusters clusters, Validator validator) {
		this.servers = servers;
		this.clusters = clusters;
		this.validator = validator;
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
		return form(model, new ServerForm(), null);
	}

	@PostMapping
	String create(@ModelAttribute("server") ServerForm server, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ServerCommand command = server.toCommand();
		FormErrors.validate(this.validator, command, result);
		if (!result.hasErrors()) {
			try {
				ServerView created = this.servers.create(command);
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
		return form(model, ServerForm.of(server), server);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("server") ServerForm server, BindingResult result, Model model,
			RedirectAttributes redirect) {
		ServerView existing = this.servers.get(id);
		ServerCommand command = server.toCommand();
		FormErrors.validate(this.validator, command, result);
		if (!result.hasErrors()) {
			try {
				ServerView updated = this.servers.update(id, command);
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

	private String form(Model model, ServerForm server, ServerView existing) {
		// A re-shown form keeps the bound object, and with it the errors. Secrets never
		// go back into the page: the form's getters for them return null.
		if (!model.containsAttribute("server")) {
			model.addAttribute("server", server);
		}
		model.addAttribute("existing", existing);
		model.addAttribute("systems", OperatingSystem.values());
		return FORM;
	}

}
