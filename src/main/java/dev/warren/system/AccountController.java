package dev.warren.system;

import java.security.Principal;

import dev.warren.shared.InvalidFieldException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Any user changes their own password here.
 */
@Controller
@RequestMapping("/account/password")
class AccountController {

	static final String VIEW = "users/account";

	private final Users users;

	AccountController(Users users) {
		this.users = users;
	}

	@GetMapping
	String form(Model model) {
		model.addAttribute("form", new ChangePasswordForm(null, null, null));
		return VIEW;
	}

	@PostMapping
	String change(@ModelAttribute("form") ChangePasswordForm form, BindingResult result, Principal principal,
			RedirectAttributes redirect) {
		if (form.newPassword() != null && !form.newPassword().equals(form.confirmPassword())) {
			result.rejectValue("confirmPassword", "mismatch", "does not match the new password");
			return VIEW;
		}
		try {
			this.users.changeOwnPassword(principal.getName(), form.currentPassword(), form.newPassword());
		}
		catch (InvalidFieldException ex) {
			ex.problems().forEach((p) -> result.rejectValue(p.field(), "invalid", p.message()));
			return VIEW;
		}
		redirect.addFlashAttribute("success", "Your password was changed.");
		return "redirect:/";
	}

	record ChangePasswordForm(String currentPassword, String newPassword, String confirmPassword) {

	}

}
