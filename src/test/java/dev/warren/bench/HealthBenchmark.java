package dev.warren.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.support.BenchFigures;
import dev.warren.support.ConsoleProcess;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health engine and the console process, measured on a console started as an
 * administrator runs it ({@link ConsoleProcess}: its own JVM, port and H2 data directory,
 * health monitoring on with its default settings) against the lab's real nodes: start-up
 * time and idle memory; probe cycle time with 1, 3 and 200 nodes; idle CPU over a minute
 * with the three lab nodes probed; detection time from {@code stop_app} and from SIGSTOP
 * to the state change arriving at a client of the dashboard page's stream
 * ({@code /health/stream}, the node's tile with its new state); the dashboard page's
 * latency under {@code wrk} with 200 servers in the database and 200 SSE clients
 * connected. Run with {@code bench/run}; writes {@code target/bench/health.md} and
 * {@code target/bench/health.figures.tsv}.
 * <p>
 * The 197 servers beyond the lab's three are nodes on loopback addresses whose AMQP port
 * is closed: the monitor probes all 200 (each refused at once) and the dashboard lists
 * them, as it would a large estate with many nodes down.
 */
@Tag("bench")
@LabTest
class HealthBenchmark {

	static final int ROUNDS = 5;

	static final int FREEZE_ROUNDS = 10;

	static final int SERVERS = 200;

	static final int SSE_CLIENTS = 200;

	static final Duration IDLE = Duration.ofSeconds(60);

	static final Duration GOAL_DETECTION = Duration.ofSeconds(2);

	static final double GOAL_P99_MS = 50;

	/**
	 * "Flat": the median cycle with more nodes at most this much above the 1-node one.
	 */
	static final double FLAT = 1.10;

	/** A port nothing listens on (discard); connections to it are refused. */
	static final int CLOSED_PORT = 9;

	/**
	 * The dashboard page's own stream: each changed node tile as an event
	 * {@code node-ID}.
	 */
	static final String EVENTS = "/health/stream";

	static final String WRK_THREADS = "2";

	static final String WRK_CONNECTIONS = "10";

	static final String WRK_DURATION = "30s";

	static final String WRK_WARM_UP = "60s";

	static final String SMALL_PAGE = "/account/password";

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	final Lab lab = Lab.find().orElseThrow();

	final LabCluster nodes = new LabCluster(this.lab, (body) -> 0L, null);

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@TempDir
	Path dir;

	ConsoleProcess console;

	@Test
	void measuresDetectionProbeCyclesDashboardLatencyStartUpAndIdleCost() throws Exception {
		String loadBefore = loadavg();
		Path data = this.dir.resolve("data");
		Map<String, String> options = Map.of("warren.health.enabled", "true");
		Duration cold;
		try (ConsoleProcess first = ConsoleProcess.start(data, options)) {
			cold = first.startUp();
		}
		this.console = ConsoleProcess.start(data, options);
		try {
			Duration warm = this.console.startUp();
			Memory started = memory();

			// Probe cycle with one node, then idle cost and cycle with the three lab
			// nodes.
			long first = labServer(0);
			awaitProbed(first, "UP", Duration.ofSeconds(60));
			Instant oneSince = Instant.now();
			Thread.sleep(15_000);
			List<Long> cycleOne = cycles(first, oneSince);
			long stopped = labServer(1);
			long frozen = labServer(2);
			post("/api/v1/clusters", Json.map("name", "lab", "primaryServerId", first, "memberServerIds",
					new long[] { stopped, frozen }));
			awaitProbed(stopped, "UP", Duration.ofSeconds(60));
			awaitProbed(frozen, "UP", Duration.ofSeconds(60));
			Thread.sleep(5_000);
			Instant idleSince = Instant.now();
			long ticksBefore = cpuTicks();
			Thread.sleep(IDLE.toMillis());
			long ticksAfter = cpuTicks();
			double idleCpu = 100.0 * (ticksAfter - ticksBefore) / 100.0 / IDLE.toSeconds();
			Memory idle = memory();
			List<Long> cycleThree = new ArrayList<>();
			for (long server : List.of(first, stopped, frozen)) {
				cycleThree.addAll(cycles(server, idleSince));
			}

			// Detection, seen by an SSE client.
			List<Double> stopFromClose = new ArrayList<>();
			List<Double> stopFromCommand = new ArrayList<>();
			List<String> stopStates = new ArrayList<>();
			List<Double> freeze = new ArrayList<>();
			List<String> freezeStates = new ArrayList<>();
			String cookie = login();
			SseClient sse = SseClient.connect(this.http, uri(EVENTS), cookie);
			assertThat(sse.awaitOpen(Duration.ofSeconds(30))).as("SSE client connected").isTrue();
			try {
				String node = this.nodes.node(1);
				int port = this.lab.port("rabbit.1.amqpPort");
				for (int round = 0; round < ROUNDS; round++) {
					sse.clear();
					long command = System.nanoTime();
					CompletableFuture<LabCluster.Result> stop = CompletableFuture
						.supplyAsync(() -> this.nodes.rabbitmqctl("-n", node, "stop_app"));
					try {
						long closed = awaitPortClosed(port, Duration.ofSeconds(30));
						StateEvent seen = sse.await(stopped, (to) -> !to.equals("UP"), Duration.ofSeconds(20));
						stopFromClose.add((seen.nanos() - closed) / 1e9);
						stopFromCommand.add((seen.nanos() - command) / 1e9);
						stopStates.add(seen.to());
						LabCluster.Result result = stop.get(60, TimeUnit.SECONDS);
						assertThat(result.exitCode()).as(result.output()).isZero();
					}
					finally {
						stop.get(60, TimeUnit.SECONDS);
						this.nodes.startApp(node);
					}
					sse.await(stopped, "UP"::equals, Duration.ofSeconds(60));
				}
				String pid = this.lab.get("rabbit.2.pid");
				for (int round = 0; round < FREEZE_ROUNDS; round++) {
					// A random pause, so that the freeze lands anywhere in the probe
					// cycle
					// (right after the UP event it would always land at the same phase).
					Thread.sleep(2_000 + ThreadLocalRandom.current().nextInt(1_000));
					sse.clear();
					long signalled = System.nanoTime();
					signal("STOP", pid);
					try {
						StateEvent seen = sse.await(frozen, (to) -> !to.equals("UP"), Duration.ofSeconds(20));
						freeze.add((seen.nanos() - signalled) / 1e9);
						freezeStates.add(seen.to());
					}
					finally {
						signal("CONT", pid);
					}
					sse.await(frozen, "UP"::equals, Duration.ofSeconds(60));
				}
			}
			finally {
				sse.close();
			}

			// 200 servers: the lab's three and 197 on closed loopback ports, in clusters
			// of 5.
			List<Long> fakes = new ArrayList<>();
			for (int i = 0; i < SERVERS - 3; i++) {
				String host = "127.1." + (i / 200) + "." + (i % 200 + 1);
				Map<String, Object> body = Json.server("bench-" + i);
				body.put("host", host);
				body.put("nodeName", "rabbit@bench-" + i);
				body.put("amqpPort", CLOSED_PORT);
				body.put("managementPort", CLOSED_PORT);
				fakes.add(Json.id(post("/api/v1/servers", body)));
			}
			for (int i = 0; i < fakes.size(); i += 5) {
				List<Long> members = fakes.subList(i, Math.min(i + 5, fakes.size()));
				post("/api/v1/clusters",
						Json.map("name", "bench-cluster-" + i / 5, "primaryServerId", members.get(0), "memberServerIds",
								members.subList(1, members.size()).stream().mapToLong(Long::longValue).toArray()));
			}
			awaitProbed(fakes.get(fakes.size() - 1), "DOWN", Duration.ofSeconds(60));
			Thread.sleep(3_000);
			Instant manySince = Instant.now();
			long manyTicksBefore = cpuTicks();
			Thread.sleep(15_000);
			double manyCpu = (cpuTicks() - manyTicksBefore) / 15.0;
			List<Long> cycleMany = new ArrayList<>();
			for (long server : List.of(first, stopped, frozen)) {
				cycleMany.addAll(cycles(server, manySince));
			}

			// The dashboard under wrk with 200 SSE clients connected.
			List<SseClient> clients = new ArrayList<>();
			WrkResult warmUp;
			WrkResult load;
			WrkResult smallest;
			WrkResult single;
			int openAfter;
			try {
				for (int i = 0; i < SSE_CLIENTS; i++) {
					clients.add(SseClient.connect(this.http, uri(EVENTS), cookie));
				}
				int open = 0;
				for (SseClient client : clients) {
					open += client.awaitOpen(Duration.ofSeconds(120)) ? 1 : 0;
				}
				assertThat(open).as("SSE clients connected").isEqualTo(SSE_CLIENTS);
				HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(uri("/"))
					.header("Cookie", cookie)
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(page.statusCode()).isEqualTo(200);
				assertThat(page.body()).doesNotContain("name=\"password\"").contains("bench-");
				// The JIT compiles the page's code in its first minute of load: measured
				// separately, not mixed into the steady state.
				warmUp = wrk(cookie, WRK_WARM_UP);
				load = wrk(cookie, WRK_DURATION);
				// The same load on the smallest page (the layout and a form): what any
				// page
				// costs on this machine under these conditions.
				smallest = wrk(cookie, WRK_CONNECTIONS, WRK_DURATION, SMALL_PAGE);
				single = wrk(cookie, "1", "15s");
				openAfter = (int) clients.stream().filter(SseClient::open).count();
			}
			finally {
				clients.forEach(SseClient::close);
			}

			double cycleOneMedian = median(cycleOne);
			double cycleThreeMedian = median(cycleThree);
			double cycleManyMedian = median(cycleMany);
			BenchFigures figures = new BenchFigures("health");
			figures.figure(
					"detection, `rabbitmqctl stop_app`: AMQP port closed → state change at an SSE client (median / max of "
							+ ROUNDS + ")",
					pair(stopFromClose), "≤ 2 s", max(stopFromClose) <= GOAL_DETECTION.toMillis() / 1e3)
				.figure("detection, `rabbitmqctl stop_app`: command started → state change at an SSE client (median / max)",
						pair(stopFromCommand))
				.figure("detection, SIGSTOP → state change at an SSE client (median / max of " + FREEZE_ROUNDS + ")",
						pair(freeze), "≤ 2 s", max(freeze) <= GOAL_DETECTION.toMillis() / 1e3)
				.figure("probe cycle, 1 node (median / max interval between a node's probes)", cyclePair(cycleOne))
				.figure("probe cycle, 3 lab nodes (median / max)", cyclePair(cycleThree), "flat: median ≤ 1.1 × 1-node",
						cycleThreeMedian <= FLAT * cycleOneMedian)
				.figure("probe cycle, 200 nodes (3 lab + 197 refused) (median / max)", cyclePair(cycleMany),
						"flat: median ≤ 1.1 × 1-node", cycleManyMedian <= FLAT * cycleOneMedian)
				.figure("dashboard `/` under wrk (" + WRK_CONNECTIONS + " connections, " + WRK_DURATION
						+ "), 200 servers, 200 SSE clients: p99 latency", ms(load.p99Ms()), "≤ 50 ms",
						load.p99Ms() <= GOAL_P99_MS)
				.figure("dashboard under wrk: errors (socket errors + non-2xx) of " + load.requests() + " requests",
						String.valueOf(load.errors()), "0", load.errors() == 0)
				.figure("dashboard under wrk: p50 latency, requests/s",
						ms(load.p50Ms()) + ", " + String.format(Locale.ROOT, "%.0f/s", load.perSecond()))
				.figure("for comparison, the smallest page (`" + SMALL_PAGE
						+ "`: the layout and a form) under the same wrk load right after: p50 / p99, requests/s",
						ms(smallest.p50Ms()) + " / " + ms(smallest.p99Ms()) + ", "
								+ String.format(Locale.ROOT, "%.0f/s", smallest.perSecond()))
				.figure("dashboard under wrk in the first " + WRK_WARM_UP
						+ " of load (JIT warming up, before the run above): p50 / p99, requests/s",
						ms(warmUp.p50Ms()) + " / " + ms(warmUp.p99Ms()) + ", "
								+ String.format(Locale.ROOT, "%.0f/s", warmUp.perSecond()))
				.figure("dashboard with one wrk connection (15 s, no queueing): p50 / p99, requests/s",
						ms(single.p50Ms()) + " / " + ms(single.p99Ms()) + ", "
								+ String.format(Locale.ROOT, "%.0f/s", single.perSecond()))
				.figure("SSE clients still connected after the wrk run", openAfter + " of " + SSE_CLIENTS, "all",
						openAfter == SSE_CLIENTS)
				.figure("idle CPU of the console over 60 s, 3 lab nodes probed (% of one core)",
						String.format(Locale.ROOT, "%.1f %%", idleCpu))
				.figure("CPU of the console over 15 s with 200 nodes probed, no page requests (% of one core)",
						String.format(Locale.ROOT, "%.1f %%", manyCpu))
				.figure("start-up, process start → first HTTP answer: first start (empty data dir, migrations)",
						secs(cold.toMillis() / 1e3))
				.figure("start-up, process start → first HTTP answer: restart on the same data",
						secs(warm.toMillis() / 1e3))
				.figure("memory after start: RSS / heap used", started.toString())
				.figure("memory after a minute idle, 3 lab nodes probed: RSS / heap used", idle.toString())
				.write();

			String report = """
					## Health engine and console process

					A console started as its own JVM (`-Xmx512m`, H2 file database, health monitoring on with the
					default settings: AMQP probe every 1 s with a 750 ms timeout) against the lab's three standalone
					nodes. /proc/loadavg before: %s; after: %s.

					| what | figure | rounds / samples |
					|---|---|---|
					| detection, stop_app: AMQP port closed → SSE client (median / max) | %s | %s (states %s) |
					| detection, stop_app: command started → SSE client (median / max) | %s | %s |
					| detection, SIGSTOP → SSE client (median / max) | %s | %s (states %s) |
					| probe cycle, 1 node (median / max) | %s | %d intervals |
					| probe cycle, 3 lab nodes (median / max) | %s | %d intervals |
					| probe cycle, 200 nodes (median / max) | %s | %d intervals |
					| dashboard under wrk: p50 / p90 / p99 / max | %s / %s / %s / %s | %d requests, %.0f/s, %d errors |
					| dashboard, one connection: p50 / p90 / p99 / max | %s / %s / %s / %s | %d requests, %.0f/s, %d errors |
					| console CPU with 200 nodes probed (15 s, no page requests) | %.1f %% of one core | |
					| SSE clients connected during and after the wrk run | %d of %d | |
					| idle CPU over 60 s, 3 lab nodes probed | %.1f %% of one core | |
					| start-up: first start / restart | %.2f s / %.2f s | |
					| RSS / heap used after start | %s | |
					| RSS / heap used after a minute idle | %s | |

					wrk: `wrk -t%s -c%s -d%s --latency` against `/` with an ADMIN session cookie, after a %s warm-up,
					then `wrk -t1 -c1 -d15s` for the page's own time without queueing; SIGSTOP rounds start after a
					random 2-3 s pause so that the freeze lands anywhere in the 1 s probe cycle;
					the SSE clients follow the dashboard page's stream `%s` (ADMIN session cookie), one connection each; a
					node's state is read from the `data-state` of its tile event `node-ID` as the page swaps it in.
					"""
				.formatted(loadBefore, loadavg(), pair(stopFromClose), list(stopFromClose), stopStates,
						pair(stopFromCommand), list(stopFromCommand), pair(freeze), list(freeze), freezeStates,
						cyclePair(cycleOne), cycleOne.size(), cyclePair(cycleThree), cycleThree.size(),
						cyclePair(cycleMany), cycleMany.size(), ms(load.p50Ms()), ms(load.p90Ms()), ms(load.p99Ms()),
						ms(load.maxMs()), load.requests(), load.perSecond(), load.errors(), ms(single.p50Ms()),
						ms(single.p90Ms()), ms(single.p99Ms()), ms(single.maxMs()), single.requests(),
						single.perSecond(), single.errors(), manyCpu, openAfter, SSE_CLIENTS, idleCpu,
						cold.toMillis() / 1e3, warm.toMillis() / 1e3, started, idle, WRK_THREADS, WRK_CONNECTIONS,
						WRK_DURATION, WRK_WARM_UP, EVENTS);
			Path out = Path.of("target/bench/health.md");
			Files.createDirectories(out.getParent());
			Files.writeString(out, report);
			System.out.println(report);
			assertThat(stopFromClose).hasSize(ROUNDS);
			assertThat(freeze).hasSize(FREEZE_ROUNDS);
			assertThat(load.requests()).isPositive();
		}
		finally {
			this.console.close();
		}
	}

	private long labServer(int index) throws Exception {
		Map<String, Object> body = Json.server("lab-" + index);
		body.put("host", "127.0.0.1");
		body.put("nodeName", this.nodes.node(index));
		body.put("amqpPort", this.lab.port("rabbit." + index + ".amqpPort"));
		body.put("managementPort", this.lab.port("rabbit." + index + ".managementPort"));
		return Json.id(post("/api/v1/servers", body));
	}

	private String post(String path, Map<String, ?> body) throws Exception {
		HttpResponse<String> response = this.console.post(path, Json.of(body));
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
		return response.body();
	}

	private List<JsonNode> latency(long server) throws Exception {
		HttpResponse<String> response = this.console.get("/api/v1/health/nodes/" + server + "/latency");
		if (response.statusCode() == 404) {
			// Not followed yet: the monitor reads the inventory before each round.
			return List.of();
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<JsonNode> points = new ArrayList<>();
		MAPPER.readTree(response.body()).forEach(points::add);
		return points;
	}

	/** Waits until the node's latest probe result has the state. */
	private void awaitProbed(long server, String state, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<JsonNode> points = latency(server);
			if (!points.isEmpty() && points.get(points.size() - 1).get("state").asString().equals(state)) {
				return;
			}
			Thread.sleep(200);
		}
		throw new AssertionError("server " + server + " not probed " + state + " within " + timeout);
	}

	/** Milliseconds between consecutive probe results of the node since the instant. */
	private List<Long> cycles(long server, Instant since) throws Exception {
		List<Instant> times = latency(server).stream()
			.map((point) -> Instant.parse(point.get("at").asString()))
			.filter((at) -> !at.isBefore(since))
			.toList();
		List<Long> cycles = new ArrayList<>();
		for (int i = 1; i < times.size(); i++) {
			cycles.add(Duration.between(times.get(i - 1), times.get(i)).toMillis());
		}
		assertThat(cycles).as("probe results of server " + server).isNotEmpty();
		return cycles;
	}

	private String login() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager())
			.build();
		String form = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form);
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
		String fields = "username=" + ConsoleProcess.ADMIN + "&password="
				+ URLEncoder.encode(ConsoleProcess.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(fields))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("JSESSIONID"))
			.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
			.findFirst()
			.orElseThrow();
	}

	private WrkResult wrk(String cookie, String duration) throws Exception {
		return wrk(cookie, WRK_CONNECTIONS, duration);
	}

	private WrkResult wrk(String cookie, String connections, String duration) throws Exception {
		return wrk(cookie, connections, duration, "/");
	}

	private WrkResult wrk(String cookie, String connections, String duration, String path) throws Exception {
		Process process = new ProcessBuilder("wrk", "-t" + (connections.equals("1") ? "1" : WRK_THREADS),
				"-c" + connections, "-d" + duration, "--latency", "-H", "Cookie: " + cookie,
				"http://127.0.0.1:" + this.console.port() + path)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		System.out.println(output);
		return WrkResult.parse(output);
	}

	/** utime + stime of the console process, in clock ticks (1/100 s). */
	private long cpuTicks() throws IOException {
		String stat = Files.readString(Path.of("/proc/" + this.console.pid() + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private Memory memory() throws Exception {
		long rssKb = 0;
		for (String line : Files.readAllLines(Path.of("/proc/" + this.console.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		HttpResponse<String> metrics = this.console.get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		double heap = 0;
		Matcher used = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)$")
			.matcher(metrics.body());
		while (used.find()) {
			heap += Double.parseDouble(used.group(1));
		}
		assertThat(heap).as("heap used from /actuator/prometheus").isPositive();
		return new Memory(rssKb / 1024.0, heap / 1024 / 1024);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.console.port() + path);
	}

	private static long awaitPortClosed(int port, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			}
			catch (IOException ex) {
				return System.nanoTime();
			}
			Thread.sleep(10);
		}
		throw new AssertionError("port " + port + " still accepts after " + timeout);
	}

	private static void signal(String signal, String pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	private static String loadavg() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).strip();
	}

	private static double median(List<? extends Number> values) {
		List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double max(List<? extends Number> values) {
		return values.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
	}

	private static String pair(List<Double> seconds) {
		return secs(median(seconds)) + " / " + secs(max(seconds));
	}

	private static String cyclePair(List<Long> millis) {
		return String.format(Locale.ROOT, "%.0f ms / %.0f ms", median(millis), max(millis));
	}

	private static String secs(double value) {
		return String.format(Locale.ROOT, "%.2f s", value);
	}

	private static String ms(double value) {
		return String.format(Locale.ROOT, "%.1f ms", value);
	}

	private static String list(List<Double> values) {
		return String.join(", ", values.stream().map((v) -> String.format(Locale.ROOT, "%.2f", v)).toList());
	}

	record Memory(double rssMb, double heapMb) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.0f MiB / %.0f MiB", this.rssMb, this.heapMb);
		}

	}

	record StateEvent(long nanos, String kind, long id, String to) {

	}

	record WrkResult(double p50Ms, double p90Ms, double p99Ms, double maxMs, long requests, double perSecond,
			long errors) {

		static WrkResult parse(String output) {
			long errors = 0;
			Matcher socket = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
				.matcher(output);
			if (socket.find()) {
				for (int group = 1; group <= 4; group++) {
					errors += Long.parseLong(socket.group(group));
				}
			}
			Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
			if (non2xx.find()) {
				errors += Long.parseLong(non2xx.group(1));
			}
			Matcher requests = Pattern.compile("(\\d+) requests in").matcher(output);
			Matcher rate = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(output);
			Matcher latency = Pattern.compile("Latency\\s+\\S+\\s+\\S+\\s+(\\S+)").matcher(output);
			assertThat(requests.find() && rate.find() && latency.find()).as(output).isTrue();
			return new WrkResult(percentile(output, "50"), percentile(output, "90"), percentile(output, "99"),
					millis(latency.group(1)), Long.parseLong(requests.group(1)), Double.parseDouble(rate.group(1)),
					errors);
		}

		private static double percentile(String output, String percent) {
			Matcher matcher = Pattern.compile("(?m)^\\s+" + percent + "%\\s+(\\S+)\\s*$").matcher(output);
			assertThat(matcher.find()).as(output).isTrue();
			return millis(matcher.group(1));
		}

		static double millis(String value) {
			Matcher matcher = Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(value);
			assertThat(matcher.matches()).as(value).isTrue();
			double number = Double.parseDouble(matcher.group(1));
			return switch (matcher.group(2)) {
				case "us" -> number / 1000;
				case "ms" -> number;
				case "s" -> number * 1000;
				default -> number * 60_000;
			};
		}

	}

	/**
	 * One SSE connection read line by line without a thread of its own; records every
	 * {@code state} event with the moment it arrived.
	 */
	static final class SseClient implements Flow.Subscriber<String> {

		private final CountDownLatch opened = new CountDownLatch(1);

		private final AtomicBoolean ended = new AtomicBoolean();

		private final BlockingQueue<StateEvent> events = new LinkedBlockingQueue<>();

		private final AtomicInteger lines = new AtomicInteger();

		private volatile Flow.Subscription subscription;

		private static final Pattern TILE_STATE = Pattern.compile("data-state=\"(\\w+)\"");

		private String event = "";

		private boolean seen;

		static SseClient connect(HttpClient http, URI uri, String cookie) {
			SseClient client = new SseClient();
			http.sendAsync(
					HttpRequest.newBuilder(uri).header("Cookie", cookie).header("Accept", "text/event-stream").build(),
					HttpResponse.BodyHandlers.fromLineSubscriber(client))
				.whenComplete((response, failure) -> {
					// An error answer ends the wait for the stream's first line at once.
					client.ended.set(true);
					client.opened.countDown();
				});
			return client;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			long now = System.nanoTime();
			this.lines.incrementAndGet();
			this.opened.countDown();
			if (line.startsWith("event:")) {
				this.event = line.substring(6).strip();
			}
			else if (line.startsWith("data:") && this.event.equals("state")) {
				JsonNode data = MAPPER.readTree(line.substring(5));
				this.events.add(new StateEvent(now, data.get("kind").asString(), data.get("id").asLong(),
						data.get("to").asString()));
			}
			else if (line.startsWith("data:") && this.event.startsWith("node-") && !this.seen) {
				Matcher state = TILE_STATE.matcher(line);
				if (state.find()) {
					this.seen = true;
					this.events
						.add(new StateEvent(now, "NODE", Long.parseLong(this.event.substring(5)), state.group(1)));
				}
			}
			else if (line.isEmpty()) {
				this.event = "";
				this.seen = false;
			}
		}

		@Override
		public void onError(Throwable throwable) {
			this.ended.set(true);
		}

		@Override
		public void onComplete() {
			this.ended.set(true);
		}

		boolean awaitOpen(Duration timeout) throws InterruptedException {
			return this.opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !this.ended.get();
		}

		boolean open() {
			return this.lines.get() > 0 && !this.ended.get();
		}

		void clear() {
			this.events.clear();
		}

		/** The first change of the node's state matching {@code to}, waiting for it. */
		StateEvent await(long server, Predicate<String> to, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			Map<String, Integer> others = new HashMap<>();
			while (true) {
				long left = deadline - System.nanoTime();
				StateEvent event = (left > 0) ? this.events.poll(left, TimeUnit.NANOSECONDS) : null;
				if (event == null) {
					throw new AssertionError("no matching state change of server " + server + " within " + timeout
							+ " (other events: " + others + ")");
				}
				if (event.kind().equals("NODE") && event.id() == server && to.test(event.to())) {
					return event;
				}
				others.merge(event.kind() + " " + event.id() + " " + event.to(), 1, Integer::sum);
			}
		}

		void close() {
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}

	}

}
