/**
 * TCP load balancers (NGINX, HAProxy) in front of a cluster's AMQP ports: their
 * definitions now; config rendering, download, deployment and revisions build on them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Balancer")
package dev.warren.balancer;
