package dev.warren.audit;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
@RequestMapping("/audit")
class AuditController {

	static final String VIEW = "audit/list";

	private final AuditLog auditLog;

	AuditController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping
	String list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String targetType, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AuditFilter filter = new AuditFilter(actor, action, targetType, q);
		Page<AuditView> records = this.auditLog.search(filter, page);
		model.addAttribute("records", records);
		model.addAttribute("filter", filter);
		model.addAttribute("actors", this.auditLog.actors());
		model.addAttribute("actions", this.auditLog.actions());
		model.addAttribute("targetTypes", this.auditLog.targetTypes());
		return VIEW;
	}

}
