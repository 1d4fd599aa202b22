package dev.warren.health;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Asks a node's management HTTP API what it knows about itself and its cluster:
 * {@code /api/nodes} (running, alarms, partitions, file descriptors, uptime, the members
 * it sees) and {@code /api/connections} (client connections per node). Both calls are
 * asynchronous with a deadline, so a frozen node holds up nothing.
 */
@Component
class ManagementApi {

	static final String NODES = "/api/nodes?columns=name,running,uptime,mem_used,mem_limit,mem_alarm,disk_free,"
			+ "disk_free_alarm,fd_used,fd_total,partitions";

	static final String CONNECTIONS = "/api/connections?columns=node,client_properties.connection_name";

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient client;

	ManagementApi(JsonMapper json, Clock clock, HealthProperties properties) {
		this.json = json;
		this.clock = clock;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.managementTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	CompletableFuture<ManagementReport> fetch(Targets.NodeTarget target, Duration timeout) {
		Targets.ManagementLogin login = target.management();
		CompletableFuture<String> nodes = get(login, NODES, timeout);
		CompletableFuture<String> connections = get(login, CONNECTIONS, timeout);
		return nodes.thenCombine(connections, (nodesJson, connectionsJson) -> {
			Instant at = this.clock.instant();
			return new ManagementReport(facts(this.json, nodesJson, target.nodeName(), at),
					connections(this.json, connectionsJson, target.nodeName()), null, at);
		})
			.orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
			.exceptionally(
					(failure) -> ManagementReport.failed(explain(failure, login, timeout), this.clock.instant()));
	}

	private CompletableFuture<String> get(Targets.ManagementLogin login, String path, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(login.baseUrl() + path))
			.timeout(timeout)
			.header("Accept", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			if (response.statusCode() == 401) {
				throw new ManagementFailure("the management API refused the login of '" + login.username() + "' (401)");
			}
			if (response.statusCode() != 200) {
				throw new ManagementFailure("the management API answered " + response.statusCode() + " to " + path);
			}
			return response.body();
		});
	}

	/** The facts about {@code nodeName} in an {@code /api/nodes} answer. */
	static NodeHealth.ManagementFacts facts(JsonMapper json, String nodesJson, String nodeName, Instant at) {
		JsonNode nodes = json.readTree(nodesJson);
		List<String> members = new ArrayList<>();
		List<String> running = new ArrayList<>();
		JsonNode self = null;
		for (JsonNode node : nodes) {
			String name = node.path("name").asString("");
			members.add(name);
			if (node.path("running").asBoolean(false)) {
				running.add(name);
			}
			if (name.equals(nodeName)) {
				self = node;
			}
		}
		if (self == null) {
			throw new ManagementFailure("the management API on this port speaks for another node ("
					+ String.join(", ", members) + "), not " + nodeName);
		}
		List<String> partitions = new ArrayList<>();
		self.path("partitions").forEach((partition) -> partitions.add(partition.asString("")));
		return new NodeHealth.ManagementFacts(self.path("running").asBoolean(false), number(self, "uptime"),
				number(self, "fd_used"), number(self, "fd_total"), number(self, "mem_used"), number(self, "mem_limit"),
				number(self, "disk_free"), List.copyOf(members), List.copyOf(running), List.copyOf(partitions),
				self.path("mem_alarm").asBoolean(false), self.path("disk_free_alarm").asBoolean(false), at);
	}

	/**
	 * Client connections on {@code nodeName} in an {@code /api/connections} answer, not
	 * counting Warren's own probe connections.
	 */
	static int connections(JsonMapper json, String connectionsJson, String nodeName) {
		int count = 0;
		for (JsonNode connection : json.readTree(connectionsJson)) {
			String name = connection.path("client_properties").path("connection_name").asString("");
			if (nodeName.equals(connection.path("node").asString("")) && !name.startsWith("warren-")) {
				count++;
			}
		}
		return count;
	}

	private static Long number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asLong() : null;
	}

	private static String explain(Throwable failure, Targets.ManagementLogin login, Duration timeout) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof ManagementFailure) {
			return cause.getMessage();
		}
		if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
			return "the management API at " + login.baseUrl() + " did not answer within " + timeout.toMillis() + " ms";
		}
		for (Throwable c = cause; c != null; c = c.getCause()) {
			if (c instanceof ConnectException) {
				return "the management API at " + login.baseUrl() + " refused the connection";
			}
			if (c == c.getCause()) {
				break;
			}
		}
		return "the management API at " + login.baseUrl() + " failed: " + AmqpFailures.rootMessage(cause);
	}

	static final class ManagementFailure extends RuntimeException {

		ManagementFailure(String message) {
			super(message);
		}

	}

}
