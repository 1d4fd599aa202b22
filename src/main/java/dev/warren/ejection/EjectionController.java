package dev.warren.ejection;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The ejection card of a cluster's page, loaded and posted with htmx. */
@Controller
class EjectionController {

	static final String CARD = "ejection/card :: card";

	private final EjectionPolicies policies;

	private final Validator validator;

	EjectionController(EjectionPolicies policies, Validator validator) {
		this.policies = policies;
		this.validator = validator;
	}

	@GetMapping("/clusters/{id}/ejection")
	String card(@PathVariable long id, Model model) {
		model.addAttribute("ejection", this.policies.view(id));
		model.addAttribute("form", EjectionForm.of(this.policies.get(id)));
		return CARD;
	}

	@PostMapping("/clusters/{id}/ejection")
	String save(@PathVariable long id, @ModelAttribute("form") EjectionForm form, BindingResult binding, Model model) {
		EjectionSettings settings = form.toSettings();
		if (form.getStates().isEmpty()) {
			binding.rejectValue("states", "empty", "choose at least one state that takes a node out");
		}
		Set<ConstraintViolation<EjectionSettings>> violations = this.validator.validate(settings);
		for (ConstraintViolation<EjectionSettings> violation : violations) {
			String field = violation.getPropertyPath().toString();
			if (!field.equals("after") || !form.getStates().isEmpty()) {
				binding.rejectValue(field.equals("after") ? "states" : field, "invalid", violation.getMessage());
			}
		}
		if (binding.hasErrors()) {
			model.addAttribute("ejection", this.policies.view(id));
			return CARD;
		}
		this.policies.put(id, settings);
		model.addAttribute("ejection", this.policies.view(id));
		model.addAttribute("saved", true);
		return CARD;
	}

}
