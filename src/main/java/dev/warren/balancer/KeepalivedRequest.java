package dev.warren.balancer;

/**
 * What a keepalived config for a cluster's balancers needs: the virtual IP (IPv4, with an
 * optional prefix length), the network interface it lives on, the VRRP router id shared
 * by the balancers (1-255, unique on the network segment), the balancer that holds the
 * address normally, and the balancer whose host the file is for (the MASTER when
 * {@code null}). Values are checked by {@link KeepalivedConfigs}.
 */
public record KeepalivedRequest(String virtualIp, String networkInterface, Integer routerId, Long masterBalancerId,
		Long balancerId) {

}
