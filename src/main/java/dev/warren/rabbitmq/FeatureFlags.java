package dev.warren.rabbitmq;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * A node's feature flags and their states, from
 * {@code rabbitmqctl list_feature_flags name state --formatter json}. Among them,
 * {@code khepri_db} says which metadata store the node uses (RabbitMQ 4.0 offers Khepri
 * as an opt-in; Mnesia otherwise).
 */
public record FeatureFlags(Map<String, String> states) {

	public static final String KHEPRI = "khepri_db";

	public FeatureFlags {
		states = Map.copyOf(states);
	}

	/**
	 * Reads {@code [{"name":"quorum_queue","state":"enabled"}, …]}.
	 * @throws IllegalArgumentException when the output holds no list
	 */
	public static FeatureFlags parse(String json) {
		JsonNode list = CliJson.array(json, "list_feature_flags");
		Map<String, String> states = new LinkedHashMap<>();
		for (JsonNode flag : list.values()) {
			String name = flag.path("name").asString("");
			if (!name.isEmpty()) {
				states.put(name, flag.path("state").asString("unknown"));
			}
		}
		return new FeatureFlags(states);
	}

	public Set<String> enabled() {
		Set<String> enabled = new TreeSet<>();
		this.states.forEach((name, state) -> {
			if ("enabled".equals(state)) {
				enabled.add(name);
			}
		});
		return enabled;
	}

	/** Every flag this node knows (enabled or not). */
	public Set<String> known() {
		return new TreeSet<>(this.states.keySet());
	}

	/** Which metadata store the node uses: "Khepri" or "Mnesia". */
	public String metadataStore() {
		return "enabled".equals(this.states.get(KHEPRI)) ? "Khepri" : "Mnesia";
	}

	/**
	 * The flags enabled here that {@code joining} does not know at all: RabbitMQ refuses
	 * such a node ({@code incompatible_feature_flags}).
	 */
	public Set<String> unknownTo(FeatureFlags joining) {
		Set<String> missing = new TreeSet<>(enabled());
		missing.removeAll(joining.known());
		return missing;
	}

}
