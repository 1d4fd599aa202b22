package dev.warren.ejection;

import java.util.Map;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WarrenTest
class EjectionApiTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void isOffUntilAnOperatorTurnsItOnAndKeepsWhatWasSet() {
		Api api = new Api(this.mvc);
		long cluster = api.cluster(api.server("LINUX"), api.server("LINUX"));
		var off = assertThat(api.get("/api/v1/clusters/" + cluster + "/ejection")).hasStatusOk().bodyJson();
		off.extractingPath("$.enabled").isEqualTo(false);
		off.extractingPath("$.after").isEqualTo("NOT_RESPONDING,DOWN");
		off.extractingPath("$.minHealthy").isEqualTo(1);
		off.extractingPath("$.holdDownSeconds").isEqualTo(10);
		off.extractingPath("$.ejected").asArray().isEmpty();

		var put = this.mvc.put()
			.uri("/api/v1/clusters/{id}/ejection", cluster)
			.with(asOperator())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json
				.of(Map.of("enabled", true, "after", "down , NOT_RESPONDING", "minHealthy", 2, "holdDownSeconds", 20)))
			.exchange();
		// States are upper case, as the health API spells them.
		assertThat(put).hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("after");
		var on = assertThat(api.put("/api/v1/clusters/" + cluster + "/ejection",
				Map.of("enabled", true, "after", "DOWN , NOT_RESPONDING", "minHealthy", 2, "holdDownSeconds", 20)))
			.hasStatusOk()
			.bodyJson();
		on.extractingPath("$.after").isEqualTo("NOT_RESPONDING,DOWN");
		on.extractingPath("$.minChangeSeconds").isEqualTo(30);
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}/ejection", cluster).with(asViewer()).exchange())
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.minHealthy")
			.isEqualTo(2);
		assertThat(this.mvc.get()
			.uri("/audit")
			.session(dev.warren.support.Accounts.login(this.mvc, dev.warren.support.Accounts.ADMIN))
			.exchange()).bodyText().contains("Ejection on for cluster");
	}

	@Test
	void theClusterPageCardSavesThePolicyAndNamesTheFieldThatIsWrong() {
		Api api = new Api(this.mvc);
		long cluster = api.cluster(api.server("LINUX"), api.server("LINUX"));
		var session = dev.warren.support.Accounts.login(this.mvc, dev.warren.support.Accounts.OPERATOR);
		assertThat(this.mvc.get().uri("/clusters/{id}/ejection", cluster).session(session).exchange()).hasStatusOk()
			.bodyText()
			.contains("Ejection: unhealthy nodes out of the balancers", ">off<", "eject-on-NOT_RESPONDING");
		var refused = this.mvc.post()
			.uri("/clusters/{id}/ejection", cluster)
			.session(session)
			.with(csrf())
			.param("enabled", "true")
			// The marker th:field adds for a group of checkboxes: none of them ticked.
			.param("_states", "on")
			.param("minHealthy", "0")
			.param("holdDownSeconds", "10")
			.param("minChangeSeconds", "30")
			.exchange();
		assertThat(refused).hasStatusOk()
			.bodyText()
			.contains("id=\"states-error\"", "choose at least one state", "id=\"minHealthy-error\"",
					"the last healthy node is never taken out")
			.doesNotContain("data-testid=\"ejection-saved\"");
		assertThat(this.mvc.post()
			.uri("/clusters/{id}/ejection", cluster)
			.session(session)
			.with(csrf())
			.param("enabled", "true")
			.param("states", "NOT_RESPONDING")
			.param("minHealthy", "1")
			.param("holdDownSeconds", "5")
			.param("minChangeSeconds", "0")
			.exchange()).hasStatusOk()
			.bodyText()
			.contains("data-testid=\"ejection-saved\"", "data-testid=\"ejection-on\"");
		assertThat(Api.body(api.get("/api/v1/clusters/" + cluster + "/ejection"), 200))
			.contains("\"after\":\"NOT_RESPONDING\"", "\"holdDownSeconds\":5");
	}

	@ParameterizedTest
	@CsvSource({ "minHealthy, 0, the last healthy node is never taken out", "holdDownSeconds, -1, greater than",
			"after, 'UP', NOT_RESPONDING, DOWN and DEGRADED", "minChangeSeconds, 4000, less than or equal to 3600" })
	void namesTheFieldThatIsWrong(String field, String value, String message) {
		Api api = new Api(this.mvc);
		long cluster = api.cluster(api.server("LINUX"));
		Map<String, Object> body = Json.map("enabled", true, "after", "DOWN", "minHealthy", 1, "holdDownSeconds", 10);
		body.put(field, field.equals("after") ? value : Integer.parseInt(value));
		var json = assertThat(api.put("/api/v1/clusters/" + cluster + "/ejection", body)).hasStatus(400).bodyJson();
		json.extractingPath("$.errors[0].field").isEqualTo(field);
		json.extractingPath("$.errors[0].message").asString().contains(message);
	}

	@Test
	void aViewerMayReadButNotChangeItAndAnUnknownClusterIsNotFound() {
		Api api = new Api(this.mvc);
		long cluster = api.cluster(api.server("LINUX"));
		assertThat(this.mvc.put()
			.uri("/api/v1/clusters/{id}/ejection", cluster)
			.with(asViewer())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Map.of("enabled", true, "after", "DOWN", "minHealthy", 1, "holdDownSeconds", 10)))
			.exchange()).hasStatus(403);
		assertThat(api.get("/api/v1/clusters/987654/ejection")).hasStatus(404);
	}

}
