package dev.warren.support;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Small JSON bodies for API tests, built as ordered maps.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	public static String of(Map<String, ?> body) {
		return MAPPER.writeValueAsString(body);
	}

	public static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/** A valid server body with a unique name; tests change one field at a time. */
	public static Map<String, Object> server(String name) {
		return map("name", name, "host", "rabbit-a.example.com", "sshPort", 22, "sshUser", "root", "auth",
				map("type", "PASSWORD", "password", "ssh-secret-" + name), "os", "LINUX", "nodeName", "rabbit@rabbit-a",
				"amqpPort", 5672, "managementPort", 15672);
	}

	public static long id(String json) {
		return MAPPER.readTree(json).get("id").asLong();
	}

	/** A top-level text field of a JSON object. */
	public static String field(String json, String name) {
		return MAPPER.readTree(json).get(name).asString();
	}

}
