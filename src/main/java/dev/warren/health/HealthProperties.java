package dev.warren.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the health engine probes, keeps history and alerts.
 *
 * @param enabled whether probes run at all
 * @param amqpInterval how often each node gets an AMQP round trip
 * @param amqpTimeout how long a round trip may take before the node is NOT_RESPONDING; a
 * node that freezes right after a probe is seen at interval + timeout at the latest (1.75
 * s with the defaults)
 * @param managementInterval how often each node's management API is asked (only nodes
 * with a management user and password in the inventory)
 * @param managementTimeout how long a management API call may take
 * @param balancerInterval how often each balancer gets a round trip through it
 * @param balancerTimeout how long a round trip through a balancer may take
 * @param sampleResolution probe results are kept in the database per bucket of this
 * length (count, failures, min/avg/max round trip)
 * @param retention how long events and samples are kept
 * @param webhook the alert webhook
 */
@ConfigurationProperties("warren.health")
public record HealthProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration amqpInterval,
		@DefaultValue("750ms") Duration amqpTimeout, @DefaultValue("5s") Duration managementInterval,
		@DefaultValue("2s") Duration managementTimeout, @DefaultValue("1s") Duration balancerInterval,
		@DefaultValue("1s") Duration balancerTimeout, @DefaultValue("1m") Duration sampleResolution,
		@DefaultValue("7d") Duration retention, @DefaultValue Webhook webhook) {

	public HealthProperties {
		positive("amqp-interval", amqpInterval);
		positive("amqp-timeout", amqpTimeout);
		positive("management-interval", managementInterval);
		positive("management-timeout", managementTimeout);
		positive("balancer-interval", balancerInterval);
		positive("balancer-timeout", balancerTimeout);
		positive("sample-resolution", sampleResolution);
		positive("retention", retention);
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("warren.health." + name + " must be a positive duration, not " + value);
		}
	}

	/**
	 * A JSON POST on every state change.
	 *
	 * @param url where to POST; empty turns the webhook off
	 * @param maxRetries retries after the first attempt fails
	 * @param backoff the wait before the first retry, doubled for each further one
	 * @param timeout how long one attempt may take
	 */
	public record Webhook(@DefaultValue("") String url, @DefaultValue("3") int maxRetries,
			@DefaultValue("1s") Duration backoff, @DefaultValue("5s") Duration timeout) {

		public Webhook {
			if (url != null && !url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://")) {
				throw new IllegalArgumentException("warren.health.webhook.url must start with http:// or https://");
			}
			if (maxRetries < 0) {
				throw new IllegalArgumentException("warren.health.webhook.max-retries must be 0 or more");
			}
			positive("webhook.backoff", backoff);
			positive("webhook.timeout", timeout);
		}

		public boolean enabled() {
			return this.url != null && !this.url.isBlank();
		}

	}

}
