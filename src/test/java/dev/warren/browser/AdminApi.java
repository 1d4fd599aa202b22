package dev.warren.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import dev.warren.support.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API of a console started on a random port, called over real HTTP as an
 * administrator's script would, to set up what a browser test then looks at.
 */
final class AdminApi {

	private final HttpClient client = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String authorization;

	AdminApi(int port, String username, String password) {
		this.baseUrl = "http://localhost:" + port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** POSTs a resource, expects 201 Created and returns the new id. */
	long create(String path, Map<String, ?> body) {
		HttpResponse<String> response = send("POST", path, Json.of(body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return Json.id(response.body());
	}

	HttpResponse<String> send(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
