package dev.warren.rabbitmq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON that the RabbitMQ CLI prints with {@code --formatter json}. A banner or
 * warning line may precede it (when {@code -q} was left out, or on a node that logs to
 * stdout), so reading starts at the first brace or bracket.
 */
final class CliJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private CliJson() {
	}

	static JsonNode object(String output, String what) {
		return read(output, '{', what);
	}

	static JsonNode array(String output, String what) {
		return read(output, '[', what);
	}

	private static JsonNode read(String output, char opening, String what) {
		int start = (output != null) ? firstLineStartingWith(output, opening) : -1;
		if (start < 0) {
			throw new IllegalArgumentException("The " + what + " output holds no JSON"
					+ ((output == null || output.isBlank()) ? " (it is empty)" : ": " + abbreviate(output)));
		}
		try {
			return MAPPER.readTree(output.substring(start));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The " + what + " output is not valid JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private static int firstLineStartingWith(String output, char opening) {
		int index = 0;
		while (index < output.length()) {
			int end = output.indexOf('\n', index);
			int lineEnd = (end < 0) ? output.length() : end;
			String line = output.substring(index, lineEnd).stripLeading();
			if (!line.isEmpty() && line.charAt(0) == opening) {
				return output.indexOf(opening, index);
			}
			index = lineEnd + 1;
		}
		return -1;
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return text.isEmpty() ? null : text;
	}

	static List<String> strings(JsonNode node, String field) {
		JsonNode value = node.get(field);
		List<String> strings = new ArrayList<>();
		if (value != null && value.isArray()) {
			value.values()
				.forEach((element) -> strings.add(element.isValueNode() ? element.asString() : element.toString()));
		}
		return Collections.unmodifiableList(strings);
	}

	/**
	 * Alarms appear as objects in {@code cluster_status} ({@code {"node", "resource",
	 * "type"}}) and as text elsewhere; both become "memory alarm on hare@vm".
	 */
	static List<String> alarms(JsonNode node, String field) {
		JsonNode value = node.get(field);
		List<String> alarms = new ArrayList<>();
		if (value != null && value.isArray()) {
			for (JsonNode alarm : value.values()) {
				if (alarm.isObject() && alarm.has("resource")) {
					String on = text(alarm, "node");
					alarms.add(text(alarm, "resource") + " alarm" + ((on != null) ? " on " + on : ""));
				}
				else {
					alarms.add(alarm.isValueNode() ? alarm.asString() : alarm.toString());
				}
			}
		}
		return Collections.unmodifiableList(alarms);
	}

	static <V> Map<String, V> unmodifiable(Map<String, V> map) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

	static String abbreviate(String text) {
		String line = text.strip().replaceAll("\\s+", " ");
		return (line.length() <= 200) ? line : line.substring(0, 199) + "…";
	}

}
