package dev.warren.system;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	private final FirstRunSetup setup;

	private final DatabaseProblems databaseProblems;

	LoginController(FirstRunSetup setup, DatabaseProblems databaseProblems) {
		this.setup = setup;
		this.databaseProblems = databaseProblems;
	}

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		if (this.setup.isPending()) {
			return "redirect:/setup";
		}
		Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (failure instanceof InternalAuthenticationServiceException internal
				&& this.databaseProblems.classify(internal) == DatabaseFailures.UNAVAILABLE) {
			model.addAttribute("loginError", "Nobody can log in right now: Warren's database does not answer. "
					+ "The console reconnects by itself as soon as it is back; the console log names the database and its error.");
		}
		else if (failure instanceof LockedException locked) {
			model.addAttribute("loginError", locked.getMessage());
		}
		else if (failure != null) {
			model.addAttribute("loginError", "Wrong user name or password, or the account is disabled.");
		}
		session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return "system/login";
	}

}
