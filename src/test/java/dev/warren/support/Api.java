package dev.warren.support;

import java.io.UnsupportedEncodingException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asAdmin;

/**
 * Creates inventory through the real API, as an administrator's script would.
 */
public final class Api {

	private static final AtomicInteger counter = new AtomicInteger();

	private final MockMvcTester mvc;

	public Api(MockMvcTester mvc) {
		this.mvc = mvc;
	}

	public static String unique(String prefix) {
		return prefix + "-" + counter.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
	}

	/** A server with a unique name and node name; returns its id. */
	public long server(String os) {
		String name = unique("srv");
		Map<String, Object> body = Json.server(name);
		body.put("os", os);
		body.put("nodeName", "rabbit@" + name);
		body.put("host", name);
		return Json.id(body(post("/api/v1/servers", body), 201));
	}

	public long cluster(long primary, long... members) {
		return Json.id(body(
				post("/api/v1/clusters",
						Json.map("name", unique("cluster"), "primaryServerId", primary, "memberServerIds", members)),
				201));
	}

	public MvcTestResult post(String uri, Map<String, ?> body) {
		return this.mvc.post()
			.uri(uri)
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

	public MvcTestResult get(String uri) {
		return this.mvc.get().uri(uri).with(asAdmin()).exchange();
	}

	public MvcTestResult put(String uri, Map<String, ?> body) {
		return this.mvc.put()
			.uri(uri)
			.with(asAdmin())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

	public static String body(MvcTestResult result, int expectedStatus) {
		try {
			String body = result.getResponse().getContentAsString();
			if (result.getResponse().getStatus() != expectedStatus) {
				throw new AssertionError(
						"Expected " + expectedStatus + " but got " + result.getResponse().getStatus() + ": " + body);
			}
			return body;
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
