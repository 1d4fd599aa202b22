package dev.warren.clustering;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time limits for cluster operations.
 *
 * @param commandTimeout how long one RabbitMQ command may take (start_app on a node with
 * many queues can take minutes)
 * @param checkTimeout how long one preflight or verification command may take
 * @param settleTime how long a verification keeps asking while a freshly joined node
 * becomes visible to every member
 */
@ConfigurationProperties("warren.clustering")
public record ClusteringProperties(@DefaultValue("5m") Duration commandTimeout,
		@DefaultValue("60s") Duration checkTimeout, @DefaultValue("30s") Duration settleTime) {

}
