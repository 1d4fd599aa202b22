package dev.warren.balancer;

import java.security.Principal;

import dev.warren.clustering.ClusterBusyException;
import dev.warren.inventory.Clusters;
import dev.warren.inventory.Servers;
import dev.warren.shared.ConflictException;
import dev.warren.shared.FormErrors;
import dev.warren.shared.InvalidFieldException;
import jakarta.validation.Validator;

import org.springframework.http.ResponseEntity;
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
@RequestMapping("/balancers")
class BalancersController {

	static final String LIST = "balancers/list";

	static final String DETAIL = "balancers/detail";

	static final String FORM = "balancers/form";

	static final String DRIFT = "balancers/drift :: drift";

	static final String LAYOUT = "balancers/layout :: layout";

	private final Balancers balancers;

	private final Clusters clusters;

	private final Servers servers;

	private final BalancerConfigs configs;

	private final BalancerDeployments deployments;

	private final BalancerDrift drift;

	private final BalancerLayouts layouts;

	private final Validator validator;

	BalancersController(Balancers balancers, BalancerConfigs configs, BalancerDeployments deployments,
			BalancerDrift drift, BalancerLayouts layouts, Clusters clusters, Servers servers, Validator validator) {
		this.layouts = layouts;
		this.balancers = balancers;
		this.configs = configs;
		this.deployments = deployments;
		this.drift = drift;
		this.clusters = clusters;
		this.servers = servers;
		this.validator = validator;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("balancers", this.balancers.list());
		model.addAttribute("clusterCount", this.clusters.count());
		return LIST;
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		BalancerView balancer = this.balancers.get(id);
		model.addAttribute("balancer", balancer);
		model.addAttribute("cluster", this.clusters.findById(balancer.clusterId()).orElse(null));
		model.addAttribute("configFile", BalancerConfigs.fileName(balancer));
		String content = null;
		try {
			RenderedConfig config = this.configs.render(balancer);
			model.addAttribute("config", config);
			content = config.content();
		}
		catch (ConflictException ex) {
			model.addAttribute("configProblem", ex.getMessage());
		}
		model.addAttribute("privileges",
				BalancerPrivileges.of(balancer, this.servers.get(balancer.hostServerId()), content).privileges());
		return DETAIL;
	}

	@GetMapping("/{id}/config")
	ResponseEntity<String> config(@PathVariable long id) {
		return ConfigDownload.of(this.configs.render(id));
	}

	@GetMapping("/{id}/drift")
	String drift(@PathVariable long id, Principal principal, Model model) {
		model.addAttribute("balancer", this.balancers.get(id));
		model.addAttribute("drift", this.drift.check(id, principal.getName()));
		return DRIFT;
	}

	@GetMapping("/{id}/layout")
	String layout(@PathVariable long id, Principal principal, Model model) {
		model.addAttribute("layout", this.layouts.read(id, principal.getName()));
		return LAYOUT;
	}

	@PostMapping("/{id}/deployments")
	String deploy(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		try {
			return "redirect:/runs/" + this.deployments.deploy(id, principal.getName());
		}
		catch (ClusterBusyException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/runs/" + ex.activeRunId();
		}
		catch (InvalidFieldException | ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/balancers/" + id;
		}
	}

	@GetMapping("/new")
	String newBalancer(Model model) {
		return form(model, new BalancerForm(), null);
	}

	@PostMapping
	String create(@ModelAttribute("balancer") BalancerForm balancer, BindingResult result, Model model,
			RedirectAttributes redirect) {
		BalancerCommand command = balancer.toCommand();
		FormErrors.validate(this.validator, command, result);
		if (!result.hasErrors()) {
			try {
				BalancerView created = this.balancers.create(command);
				redirect.addFlashAttribute("success", "Balancer '" + created.name() + "' added.");
				return "redirect:/balancers/" + created.id();
			}
			catch (InvalidFieldException | ConflictException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return form(model, balancer, null);
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		BalancerView view = this.balancers.get(id);
		return form(model, BalancerForm.of(view), view);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @ModelAttribute("balancer") BalancerForm balancer, BindingResult result,
			Model model, RedirectAttributes redirect) {
		BalancerView existing = this.balancers.get(id);
		BalancerCommand command = balancer.toCommand();
		FormErrors.validate(this.validator, command, result);
		if (!result.hasErrors()) {
			try {
				BalancerView updated = this.balancers.update(id, command);
				redirect.addFlashAttribute("success", "Balancer '" + updated.name() + "' saved.");
				return "redirect:/balancers/" + id;
			}
			catch (InvalidFieldException | ConflictException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return form(model, balancer, existing);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		String name = this.balancers.get(id).name();
		this.balancers.delete(id);
		redirect.addFlashAttribute("success", "Balancer '" + name + "' deleted.");
		return "redirect:/balancers";
	}

	private String form(Model model, BalancerForm balancer, BalancerView existing) {
		if (!model.containsAttribute("balancer")) {
			model.addAttribute("balancer", balancer);
		}
		model.addAttribute("existing", existing);
		model.addAttribute("kinds", BalancerKind.values());
		model.addAttribute("methods", BalancingMethod.values());
		model.addAttribute("layouts", NginxLayout.values());
		model.addAttribute("fileAccesses", FileAccess.values());
		model.addAttribute("defaults", BalancerSettings.DEFAULTS);
		model.addAttribute("clusters", this.clusters.list());
		model.addAttribute("servers", this.servers.list());
		return FORM;
	}

}
