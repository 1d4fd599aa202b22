package dev.warren.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.warren.support.Accounts;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Every route the running application maps, found from its handler mappings: none answers
 * without a login except the login and setup pages; a VIEWER changes nothing; no page
 * accepts a change without a CSRF token. A new endpoint is checked the day it is added.
 */
@WarrenTest
class RouteCrawlerTests {

	private static final Set<String> PUBLIC = Set.of("/login", "/setup", "/error");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	List<Route> routes;

	record Route(HttpMethod method, String path) {

		boolean api() {
			return this.path.startsWith("/api/");
		}

		/**
		 * Answers a client without a login with 401, not a redirect to the login page.
		 */
		boolean forScripts() {
			return api() || this.path.startsWith("/v3/api-docs") || this.path.startsWith("/swagger-ui");
		}

		boolean changes() {
			return this.method != HttpMethod.GET && this.method != HttpMethod.HEAD;
		}

	}

	@BeforeEach
	void findRoutes() {
		this.routes = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "1").replace("/**", "/x");
				if (methods.isEmpty()) {
					this.routes.add(new Route(HttpMethod.GET, path));
				}
				methods.forEach((method) -> this.routes.add(new Route(HttpMethod.valueOf(method.name()), path)));
			}
		}
		assertThat(this.routes).as("the crawler found the application's routes")
			.anyMatch((r) -> r.path().equals("/api/v1/clusters/1/joins"))
			.anyMatch((r) -> r.path().equals("/servers/1/host-key"))
			.hasSizeGreaterThan(60);
	}

	@Test
	void nothingAnswersWithoutALoginButLoginAndSetup() {
		for (Route route : this.routes) {
			if (PUBLIC.contains(route.path())) {
				continue;
			}
			MvcTestResult result = this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.request(route.method(), route.path())
				.with(csrf()));
			int status = result.getResponse().getStatus();
			if (route.forScripts()) {
				assertThat(status).as(route.toString()).isEqualTo(401);
			}
			else {
				assertThat(status).as(route.toString()).isEqualTo(302);
				assertThat(result.getResponse().getRedirectedUrl()).as(route.toString()).endsWith("/login");
			}
		}
	}

	@Test
	void aViewerChangesNothing() {
		MockHttpSession viewer = Accounts.login(this.mvc, Accounts.VIEWER);
		for (Route route : this.routes) {
			if (!route.changes() || route.path().equals("/logout") || route.path().equals("/account/password")
					|| PUBLIC.contains(route.path())) {
				continue;
			}
			MvcTestResult result = route.api()
					? this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
						.request(route.method(), route.path())
						.with(Accounts.asViewer()))
					: this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
						.request(route.method(), route.path())
						.session(viewer)
						.with(csrf()));
			assertThat(result.getResponse().getStatus()).as(route.toString()).isEqualTo(403);
		}
	}

	@Test
	void everyPageChangeNeedsACsrfToken() {
		MockHttpSession admin = Accounts.login(this.mvc, Accounts.ADMIN);
		for (Route route : this.routes) {
			if (!route.changes() || route.api()) {
				continue;
			}
			MvcTestResult result = this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.request(route.method(), route.path())
				.session(admin));
			assertThat(result.getResponse().getStatus()).as(route.toString()).isEqualTo(403);
		}
	}

	@Test
	void theOpenApiDocumentListsExactlyTheMappedApiRoutes() {
		MvcTestResult docs = this.mvc.get()
			.uri("/v3/api-docs")
			.session(Accounts.login(this.mvc, Accounts.VIEWER))
			.exchange();
		assertThat(docs).hasStatusOk();
		JsonNode paths = JsonMapper.builder().build().readTree(docs.getResponse().getContentAsByteArray()).get("paths");
		Set<Route> documented = new java.util.HashSet<>();
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				documented.add(new Route(HttpMethod.valueOf(operation.getKey().toUpperCase(java.util.Locale.ROOT)),
						path.getKey().replaceAll("\\{[^}]+}", "1")));
			}
		}
		Set<Route> mapped = new java.util.HashSet<>(this.routes.stream().filter(Route::api).toList());
		assertThat(documented).as("documented API routes").isEqualTo(mapped);
	}

	@Test
	void actuatorEndpointsNeedALogin() {
		MvcTestResult index = this.mvc.get()
			.uri("/actuator")
			.session(Accounts.login(this.mvc, Accounts.VIEWER))
			.exchange();
		assertThat(index).hasStatusOk();
		JsonNode links = JsonMapper.builder()
			.build()
			.readTree(index.getResponse().getContentAsByteArray())
			.get("_links");
		List<String> endpoints = new ArrayList<>();
		for (Map.Entry<String, JsonNode> link : links.properties()) {
			String href = link.getValue().get("href").asString();
			if (!link.getValue().path("templated").asBoolean()) {
				endpoints.add(href.replaceFirst("^https?://[^/]+", ""));
			}
		}
		assertThat(endpoints).contains("/actuator", "/actuator/health");
		for (String endpoint : endpoints) {
			int status = this.mvc.get().uri(endpoint).exchange().getResponse().getStatus();
			assertThat(status).as(endpoint + " without a login").isIn(302, 401);
		}
	}

}
