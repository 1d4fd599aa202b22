package dev.warren.system;

import dev.warren.shared.ConflictException;
import dev.warren.shared.InvalidFieldException;
import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/setup")
class SetupController {

	static final String VIEW = "system/setup";

	private final FirstRunSetup setup;

	SetupController(FirstRunSetup setup) {
		this.setup = setup;
	}

	@GetMapping
	String form(Model model) {
		if (!this.setup.isPending()) {
			return "redirect:/login";
		}
		model.addAttribute("form", new SetupForm(null, null, null, null));
		return VIEW;
	}

	@PostMapping
	String create(@ModelAttribute("form") SetupForm form, BindingResult result, RedirectAttributes redirect) {
		if (!this.setup.isPending()) {
			return "redirect:/login";
		}
		if (form.password() != null && !form.password().equals(form.confirmPassword())) {
			result.rejectValue("confirmPassword", "mismatch", "does not match the password");
			return VIEW;
		}
		try {
			this.setup.complete(form.token(), form.username(), form.password());
		}
		catch (InvalidFieldException ex) {
			ex.problems().forEach((p) -> result.rejectValue(p.field(), "invalid", p.message()));
			return VIEW;
		}
		catch (ConflictException ex) {
			result.rejectValue("username", "conflict", ex.getMessage());
			return VIEW;
		}
		redirect.addFlashAttribute("success", "Admin '" + form.username().strip() + "' created. Log in to continue.");
		return "redirect:/login";
	}

	record SetupForm(@NotBlank String token, String username, String password, String confirmPassword) {

	}

}
