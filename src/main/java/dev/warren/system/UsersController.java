package dev.warren.system;

import java.security.Principal;

import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users page, for admins.
 */
@Controller
@RequestMapping("/users")
class UsersController {

	static final String LIST = "users/list";

	static final String FORM = "users/form";

	static final String EDIT = "users/edit";

	private final Users users;

	UsersController(Users users) {
		this.users = users;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", this.users.list());
		return LIST;
	}

	@GetMapping("/new")
	String newUser(Model model) {
		model.addAttribute("form", new NewUserForm(null, null, Role.VIEWER));
		model.addAttribute("roles", Role.values());
		return FORM;
	}

	@PostMapping
	String create(@ModelAttribute("form") NewUserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		try {
			UserView user = this.users.create(form.username(), form.password(), form.role());
			redirect.addFlashAttribute("success", "User '" + user.username() + "' created.");
			return "redirect:/users";
		}
		catch (InvalidFieldException ex) {
			ex.problems().forEach((p) -> result.rejectValue(p.field(), "invalid", p.message()));
		}
		catch (ConflictException ex) {
			result.rejectValue(ex.field(), "conflict", ex.getMessage());
		}
		model.addAttribute("roles", Role.values());
		return FORM;
	}

	@GetMapping("/{id}")
	String edit(@PathVariable long id, Model model) {
		UserView user = this.users.get(id);
		model.addAttribute("user", user);
		model.addAttribute("form", new ChangeUserForm(user.role(), user.enabled()));
		model.addAttribute("passwordForm", new PasswordForm(null));
		model.addAttribute("roles", Role.values());
		return EDIT;
	}

	@PostMapping("/{id}")
	String change(@PathVariable long id, @ModelAttribute("form") ChangeUserForm form, BindingResult result, Model model,
			RedirectAttributes redirect) {
		try {
			UserView user = this.users.change(id, form.role(), form.enabled());
			redirect.addFlashAttribute("success", "User '" + user.username() + "' saved.");
			return "redirect:/users";
		}
		catch (ConflictException | InvalidFieldException ex) {
			result.reject("conflict", ex.getMessage());
		}
		model.addAttribute("user", this.users.get(id));
		model.addAttribute("passwordForm", new PasswordForm(null));
		model.addAttribute("roles", Role.values());
		return EDIT;
	}

	@PostMapping("/{id}/password")
	String resetPassword(@PathVariable long id, @ModelAttribute("passwordForm") PasswordForm form, BindingResult result,
			Model model, RedirectAttributes redirect) {
		try {
			this.users.resetPassword(id, form.password());
			redirect.addFlashAttribute("success", "Password set for '" + this.users.get(id).username() + "'.");
			return "redirect:/users";
		}
		catch (InvalidFieldException ex) {
			ex.problems().forEach((p) -> result.rejectValue("password", "invalid", p.message()));
		}
		UserView user = this.users.get(id);
		model.addAttribute("user", user);
		model.addAttribute("form", new ChangeUserForm(user.role(), user.enabled()));
		model.addAttribute("roles", Role.values());
		return EDIT;
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		String name = this.users.get(id).username();
		try {
			this.users.delete(id, principal.getName());
			redirect.addFlashAttribute("success", "User '" + name + "' deleted.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users";
	}

	record NewUserForm(String username, String password, Role role) {

	}

	record ChangeUserForm(Role role, boolean enabled) {

	}

	record PasswordForm(String password) {

	}

}
