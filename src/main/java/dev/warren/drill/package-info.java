/**
 * Failover drills: stop one node's application while a publisher and a consumer run
 * through the cluster's balancer, start it again, and report what the clients saw
 * (messages sent, received, lost, the longest gap, how long the balancer kept sending new
 * connections to the stopped node and how long it took to use it again). Each drill is a
 * run of the clustering module and a saved report.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Failover drill")
package dev.warren.drill;
