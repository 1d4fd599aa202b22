package dev.warren.balancer;

import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Balancers defined before V5 keep rendering as they did: the migration gives them the
 * defaults that Warren offers new ones.
 */
class BalancerSettingsMigrationTests {

	@Test
	void givesExistingBalancersTheDefaultSettings() {
		// One connection throughout, as the application's pool keeps them open.
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:mem:v5-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
		Flyway.configure().dataSource(dataSource).target("4").load().migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("insert into server (name, host, ssh_port, ssh_user, auth_type, os, amqp_port, management_port, "
				+ "rabbitmqctl_path, use_sudo, created_at, updated_at) values ('a', 'a.example.com', 22, 'root', "
				+ "'PASSWORD', 'LINUX', 5672, 15672, '/usr/sbin/rabbitmqctl', false, now(), now())");
		long server = jdbc.queryForObject("select id from server", Long.class);
		jdbc.update(
				"insert into cluster (name, primary_server_id, created_at, updated_at) values ('c', ?, now(), now())",
				server);
		long cluster = jdbc.queryForObject("select id from cluster", Long.class);
		jdbc.update("insert into balancer (name, kind, cluster_id, host_server_id, listen_address, listen_port, "
				+ "config_path, validate_command, reload_command, created_at, updated_at) values ('lb', 'NGINX', ?, ?, "
				+ "'0.0.0.0', 5672, '/etc/nginx/nginx.conf', 'nginx -t -c {file}', 'nginx -s reload', now(), now())",
				cluster, server);

		Flyway.configure().dataSource(dataSource).load().migrate();

		BalancerSettings d = BalancerSettings.DEFAULTS;
		assertThat(
				jdbc.queryForMap("select balancing_method, connect_timeout_seconds, idle_timeout_seconds, max_fails, "
						+ "fail_timeout_seconds, check_interval_millis, check_fall, check_rise, balance_management, "
						+ "management_listen_port, proxy_protocol, nginx_layout from balancer"))
			.containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("BALANCING_METHOD", d.balancingMethod().name()),
					Map.entry("CONNECT_TIMEOUT_SECONDS", d.connectTimeoutSeconds()),
					Map.entry("IDLE_TIMEOUT_SECONDS", d.idleTimeoutSeconds()), Map.entry("MAX_FAILS", d.maxFails()),
					Map.entry("FAIL_TIMEOUT_SECONDS", d.failTimeoutSeconds()),
					Map.entry("CHECK_INTERVAL_MILLIS", d.checkIntervalMillis()), Map.entry("CHECK_FALL", d.checkFall()),
					Map.entry("CHECK_RISE", d.checkRise()), Map.entry("BALANCE_MANAGEMENT", d.balanceManagement()),
					Map.entry("MANAGEMENT_LISTEN_PORT", d.managementListenPort()),
					Map.entry("PROXY_PROTOCOL", d.proxyProtocol()), Map.entry("NGINX_LAYOUT", d.nginxLayout().name())));
		// V10: the upstream name Warren always wrote; pid file and error log learned.
		assertThat(jdbc.queryForMap("select upstream_name, pid_file, error_log from balancer"))
			.containsEntry("UPSTREAM_NAME", BalancerSettings.DEFAULT_UPSTREAM_NAME)
			.containsEntry("PID_FILE", null)
			.containsEntry("ERROR_LOG", null);
		dataSource.destroy();
	}

}
