package dev.warren.inventory;

import java.util.List;

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
@RequestMapping("/clusters")
class ClustersController {

	static final String LIST = "clusters/list";

	static final String DETAIL = "clusters/detail";

	static final String FORM = "clusters/form";

	private final Clusters clusters;

	private final Servers servers;

	ClustersController(Clusters clusters, Servers servers) {
		this.clusters = clusters;
		this.servers = servers;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("clusters", this.clusters.list());
		model.addAttribute("serverCount", this.servers.count());
		return LIST;
	}

	@GetMapping("/{id}")
	String detail(@PathVariable long id, Model model) {
		model.addAttribute("cluster", this.clusters.get(id));
		return DETAIL;
	}

	@GetMapping("/new")
	String newCluster(Model model) {
		return form(model, ClusterCommand.empty(), null);
	}

	@PostMapping
	String create(@Valid @ModelAttribute("cluster") ClusterCommand cluster, BindingResult result, Model model,
			RedirectAttributes redirect) {
		if (!result.hasErrors()) {
			try {
				ClusterView created = this.clusters.create(cluster);
				redirect.addFlashAttribute("success", "Cluster '" + created.name() + "' created.");
				return "redirect:/clusters/" + created.id();
			}
			catch (InvalidFieldException | ConflictException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return form(model, cluster, null);
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		ClusterView cluster = this.clusters.get(id);
		return form(model, new ClusterCommand(cluster.name(), cluster.primaryServerId(), cluster.memberServerIds()),
				cluster);
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, @Valid @ModelAttribute("cluster") ClusterCommand cluster, BindingResult result,
			Model model, RedirectAttributes redirect) {
		ClusterView existing = this.clusters.get(id);
		if (!result.hasErrors()) {
			try {
				this.clusters.update(id, cluster);
				redirect.addFlashAttribute("success", "Cluster '" + cluster.name().strip() + "' saved.");
				return "redirect:/clusters/" + id;
			}
			catch (InvalidFieldException | ConflictException ex) {
				FormErrors.reject(result, ex);
			}
		}
		return form(model, cluster, existing);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		String name = this.clusters.get(id).name();
		try {
			this.clusters.delete(id);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/clusters/" + id;
		}
		redirect.addFlashAttribute("success", "Cluster '" + name + "' deleted.");
		return "redirect:/clusters";
	}

	private String form(Model model, ClusterCommand cluster, ClusterView existing) {
		if (!model.containsAttribute("cluster")) {
			model.addAttribute("cluster", cluster);
		}
		model.addAttribute("existing", existing);
		List<ServerView> candidates = this.servers.list().stream().filter((s) -> s.nodeName() != null).toList();
		model.addAttribute("candidates", candidates);
		model.addAttribute("serversWithoutNode",
				this.servers.list().stream().filter((s) -> s.nodeName() == null).map(ServerView::name).toList());
		return FORM;
	}

}
