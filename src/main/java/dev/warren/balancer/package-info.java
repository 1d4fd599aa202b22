/**
 * TCP load balancers (NGINX, HAProxy) in front of a cluster's AMQP ports: their
 * definitions and settings ({@link dev.warren.balancer.Balancers}), and their config
 * files rendered from {@code balancer-templates/} by
 * {@link dev.warren.balancer.BalancerConfigs}, the one renderer that downloads and
 * deployments share. Deployment and revisions build on them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Balancer")
package dev.warren.balancer;
