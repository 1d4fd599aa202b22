/**
 * What a RabbitMQ node understands: typed {@code rabbitmqctl} and
 * {@code rabbitmq-diagnostics} command lines per version and OS
 * ({@link dev.warren.rabbitmq.RabbitmqCommands}, {@link dev.warren.rabbitmq.JoinPlans}),
 * parsers of their JSON ({@link dev.warren.rabbitmq.ClusterStatus},
 * {@link dev.warren.rabbitmq.NodeStatus}, {@link dev.warren.rabbitmq.QueueSummary}),
 * failures explained for an administrator ({@link dev.warren.rabbitmq.CliErrors}) and the
 * "Test connection" of a server ({@link dev.warren.rabbitmq.ConnectionChecks}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "RabbitMQ",
		allowedDependencies = { "remote", "inventory", "secrets", "audit", "shared" })
package dev.warren.rabbitmq;
