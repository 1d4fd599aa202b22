package dev.warren.health;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Turns what amqp-client throws into DOWN (refused, dropped, login refused) or
 * NOT_RESPONDING (no answer in time).
 */
final class AmqpFailures {

	private AmqpFailures() {
	}

	static ProbeResult classify(Throwable failure, String address, long timeoutMs) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AuthenticationFailureException) {
				return ProbeResult.down("the AMQP login was refused (" + cause.getMessage() + ")");
			}
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
				return ProbeResult.down("connection refused: nothing listens on " + address);
			}
			if (cause instanceof UnknownHostException) {
				return ProbeResult.down("the host name does not resolve: " + address);
			}
			if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
				return notResponding(timeoutMs);
			}
			if (cause instanceof ShutdownSignalException shutdown && !shutdown.isInitiatedByApplication()) {
				return ProbeResult.down("the node closed the connection (" + reason(shutdown) + ")");
			}
			if (cause == cause.getCause()) {
				break;
			}
		}
		return ProbeResult.down("the AMQP connection failed: " + rootMessage(failure));
	}

	static ProbeResult notResponding(long timeoutMs) {
		return ProbeResult.notResponding("no AMQP answer within " + timeoutMs + " ms (the port may still accept "
				+ "connections: a frozen or overloaded node)");
	}

	private static String reason(ShutdownSignalException shutdown) {
		Object reason = shutdown.getReason();
		if (reason instanceof com.rabbitmq.client.AMQP.Connection.Close close) {
			return close.getReplyCode() + " " + close.getReplyText();
		}
		if (reason instanceof com.rabbitmq.client.AMQP.Channel.Close close) {
			return close.getReplyCode() + " " + close.getReplyText();
		}
		return rootMessage(shutdown);
	}

	static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
