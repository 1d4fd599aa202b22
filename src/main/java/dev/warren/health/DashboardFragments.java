package dev.warren.health;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Renders the dashboard's live parts ({@code dashboard/tiles.html}) outside any request,
 * once per change, for every connected page to swap in.
 */
@Component
class DashboardFragments implements DashboardStream.Fragments {

	static final String TEMPLATE = "dashboard/tiles";

	private final ITemplateEngine templates;

	private final ApplicationContext context;

	DashboardFragments(ITemplateEngine templates, ApplicationContext context) {
		this.templates = templates;
		this.context = context;
	}

	@Override
	public String node(NodeHealth node) {
		return render("node", Map.of("node", node));
	}

	@Override
	public String balancer(BalancerHealth balancer) {
		return render("balancer", Map.of("balancer", balancer));
	}

	@Override
	public String cluster(ClusterHealth cluster) {
		return render("cluster", Map.of("cluster", cluster));
	}

	@Override
	public String timeline(List<TimelineEntry> newestFirst) {
		return render("timeline", Map.of("entries", newestFirst));
	}

	private String render(String fragment, Map<String, Object> variables) {
		Context context = new Context(Locale.ENGLISH, variables);
		// One evaluation context per rendering: Thymeleaf keeps each rendering's
		// expression
		// objects in it, so a shared one breaks renderings that run at the same time.
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.context, null));
		return CompactHtml.of(this.templates.process(TEMPLATE, Set.of(fragment), context).strip());
	}

}
