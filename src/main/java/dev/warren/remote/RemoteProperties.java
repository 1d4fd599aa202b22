package dev.warren.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Warren talks SSH.
 *
 * @param connectTimeout how long to wait for the TCP connection, and then for each answer
 * during the handshake and login
 * @param defaultCommandTimeout how long a command may run when its caller names no limit
 * @param keepaliveInterval how often an idle connection is probed
 * @param keepaliveCountMax how many unanswered probes mean the connection is lost
 */
@ConfigurationProperties("warren.remote")
record RemoteProperties(@DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("2m") Duration defaultCommandTimeout, @DefaultValue("15s") Duration keepaliveInterval,
		@DefaultValue("4") int keepaliveCountMax) {

}
