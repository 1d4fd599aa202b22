package dev.warren.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The dashboard's board, cheap enough for a wall of screens: its shell (cluster cards,
 * tile frames, links) is rendered once per change of the estate's shape and kept; its
 * live parts are the fragments {@link DashboardStream} already keeps rendered for the
 * stream. A request only joins strings, so a page with hundreds of tiles costs about what
 * a small page does, however often it is loaded.
 */
@Component
class DashboardBoard {

	static final String TEMPLATE = "dashboard/board";

	private static final Pattern SLOT = Pattern.compile("<!--slot:([a-z]+(?:-\\d+)?)-->");

	private final ITemplateEngine templates;

	private final ApplicationContext context;

	private final DashboardStream stream;

	/** One shell per variant (whether the viewer may edit). */
	private final Map<Boolean, Shell> shells = new ConcurrentHashMap<>();

	/** The last page's board per variant. */
	private final Map<Boolean, Composed> composed = new ConcurrentHashMap<>();

	DashboardBoard(ITemplateEngine templates, ApplicationContext context, DashboardStream stream) {
		this.templates = templates;
		this.context = context;
		this.stream = stream;
	}

	/**
	 * The board's HTML for this snapshot: tiles as they are now, the same the stream
	 * sends to a page that connects.
	 */
	String html(HealthSnapshot snapshot, boolean canEdit, HttpServletRequest request, HttpServletResponse response) {
		Shape shape = Shape.of(snapshot, canEdit, request.getContextPath());
		Shell shell = this.shells.get(canEdit);
		if (shell == null || !shell.shape().equals(shape)) {
			shell = Shell.parse(shape, render(snapshot, canEdit, request, response));
			this.shells.put(canEdit, shell);
		}
		Map<String, Object> live = DashboardStream.index(snapshot);
		String[] parts = new String[shell.slots().size()];
		for (int i = 0; i < parts.length; i++) {
			String slot = shell.slots().get(i);
			if (DashboardStream.TIMELINE.equals(slot)) {
				parts[i] = this.stream.timelineHtml();
			}
			else {
				Object health = live.get(slot);
				parts[i] = (health != null) ? this.stream.tileHtml(slot, health) : "";
			}
		}
		// The same shell and the same rendered tiles (as objects: each is kept until it
		// changes) give the same page: most requests between two changes only check.
		Composed last = this.composed.get(canEdit);
		if (last != null && last.shell() == shell && sameParts(last.parts(), parts)) {
			return last.html();
		}
		StringBuilder html = new StringBuilder(shell.length() + parts.length * 2048);
		for (int i = 0; i < parts.length; i++) {
			html.append(shell.literals().get(i)).append(parts[i]);
		}
		String result = html.append(shell.literals().get(parts.length)).toString();
		this.composed.put(canEdit, new Composed(shell, parts, result));
		return result;
	}

	private static boolean sameParts(String[] a, String[] b) {
		if (a.length != b.length) {
			return false;
		}
		for (int i = 0; i < a.length; i++) {
			if (a[i] != b[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The shell, in the request's own context: its links carry the context path like any
	 * page's.
	 */
	private String render(HealthSnapshot snapshot, boolean canEdit, HttpServletRequest request,
			HttpServletResponse response) {
		WebContext context = new WebContext(
				JakartaServletWebApplication.buildApplication(request.getServletContext())
					.buildExchange(request, response),
				Locale.ENGLISH,
				Map.of("health", snapshot.clusters(), "enabled", snapshot.enabled(), "canEdit", canEdit));
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContext(this.context, null));
		return CompactHtml.of(this.templates.process(TEMPLATE, Set.of("board"), context));
	}

	/**
	 * What the shell shows: everything of the snapshot except the live states.
	 */
	record Shape(boolean enabled, boolean canEdit, String contextPath, List<ClusterShape> clusters) {

		static Shape of(HealthSnapshot snapshot, boolean canEdit, String contextPath) {
			List<ClusterShape> clusters = new ArrayList<>(snapshot.clusters().size());
			for (ClusterHealth cluster : snapshot.clusters()) {
				List<Object> members = new ArrayList<>(cluster.nodes().size() * 3 + cluster.balancers().size() * 3);
				for (NodeHealth node : cluster.nodes()) {
					members.add(node.serverId());
					members.add(node.nodeName());
					members.add(node.serverName());
				}
				for (BalancerHealth balancer : cluster.balancers()) {
					members.add(balancer.id());
					members.add(balancer.name());
					members.add(balancer.address());
				}
				clusters.add(new ClusterShape(cluster.id(), cluster.name(), cluster.nodes().size(), members));
			}
			return new Shape(snapshot.enabled(), canEdit, contextPath, clusters);
		}

	}

	private record Composed(Shell shell, String[] parts, String html) {

	}

	record ClusterShape(long id, String name, int nodes, List<Object> members) {

	}

	/**
	 * The rendered shell cut at its slots: {@code literals} has one more element than
	 * {@code slots}.
	 */
	record Shell(Shape shape, List<String> literals, List<String> slots, int length) {

		static Shell parse(Shape shape, String html) {
			List<String> literals = new ArrayList<>();
			List<String> slots = new ArrayList<>();
			Matcher matcher = SLOT.matcher(html);
			int from = 0;
			while (matcher.find()) {
				literals.add(html.substring(from, matcher.start()));
				slots.add(matcher.group(1));
				from = matcher.end();
			}
			literals.add(html.substring(from));
			return new Shell(shape, List.copyOf(literals), List.copyOf(slots), html.length());
		}

	}

}
