package dev.warren.drill;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a failover drill paces its traffic and how long it waits.
 *
 * @param stopFor how long the node's application stays stopped, unless the request says
 * otherwise
 * @param publishInterval the pause between two published messages
 * @param probeInterval the pause between two fresh connections through the balancer
 * @param warmUp how long traffic flows before the node is stopped
 * @param backTimeout how long, after the node rejoined, the drill waits for the balancer
 * to send it new connections again
 * @param drainTimeout how long the consumer may take to receive what was confirmed
 */
@ConfigurationProperties("warren.drill")
public record DrillProperties(@DefaultValue("10s") Duration stopFor, @DefaultValue("25ms") Duration publishInterval,
		@DefaultValue("200ms") Duration probeInterval, @DefaultValue("3s") Duration warmUp,
		@DefaultValue("30s") Duration backTimeout, @DefaultValue("15s") Duration drainTimeout) {

	/** The longest wait a request may ask for. */
	static final int MAX_WAIT_SECONDS = 600;

}
