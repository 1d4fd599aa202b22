package dev.warren.drill;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells which node a queue lives on, from the management API of any running member. The
 * prober declares an exclusive queue on each fresh connection: RabbitMQ always places an
 * exclusive queue on the node its connection is on, and the management API reads a
 * queue's node from the metadata store at once (its connection list lags by up to the
 * statistics interval, 5 s by default).
 */
final class NodeLocator {

	private final List<ManagementEndpoint> endpoints;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	NodeLocator(List<ManagementEndpoint> endpoints) {
		this.endpoints = List.copyOf(endpoints);
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
	}

	boolean usable() {
		return !this.endpoints.isEmpty();
	}

	/**
	 * @return the node of the queue, or {@code null} when no endpoint answered
	 */
	String nodeOfQueue(String virtualHost, String queue) {
		for (ManagementEndpoint endpoint : this.endpoints) {
			try {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create("http://" + hostForUri(endpoint.host()) + ":" + endpoint.port()
							+ "/api/queues/" + encode(virtualHost) + "/" + encode(queue) + "?columns=name,node"))
					.timeout(Duration.ofSeconds(2))
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString((endpoint.username() + ":" + endpoint.password())
									.getBytes(StandardCharsets.UTF_8)))
					.GET()
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					JsonNode node = this.json.readTree(response.body()).path("node");
					if (node.isString()) {
						return node.asString();
					}
				}
			}
			catch (java.io.IOException | RuntimeException ex) {
				// the next member's management API may answer
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String hostForUri(String host) {
		return (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	/** A member's management API and the login Warren uses there. */
	record ManagementEndpoint(String nodeName, String host, int port, String username, String password) {

		@Override
		public String toString() {
			return this.username + "@" + this.host + ":" + this.port;
		}

	}

}
