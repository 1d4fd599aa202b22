package dev.warren.balancer;

import java.util.Optional;

import dev.warren.remote.CommandLine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learning an NGINX host's layout from {@code nginx -T} (issue 17, section 2b).
 */
class NginxEffectiveConfigTests {

	/**
	 * What nginx -T printed for an NGINX run with its own prefix, its file under
	 * stream.d/.
	 */
	private static final String OWN_PREFIX = """
			# configuration file /opt/lb/nginx.conf:
			load_module /usr/lib/nginx/modules/ngx_stream_module.so;
			pid logs/nginx.pid;
			error_log logs/error.log warn;
			events { worker_connections 1024; }
			stream {
			    error_log logs/stream.log;
			    include stream.d/*.conf;
			}

			# configuration file /opt/lb/stream.d/warren.conf:
			upstream rabbit { server 10.0.0.1:5672; }
			""";

	@Test
	void findsTheFilesThePidFileAndTheErrorLogOfTheMainContext() {
		NginxEffectiveConfig config = NginxEffectiveConfig.parse(OWN_PREFIX, Optional.of("/opt/lb/"));
		assertThat(config.files()).containsExactly("/opt/lb/nginx.conf", "/opt/lb/stream.d/warren.conf");
		assertThat(config.pidFile()).contains("/opt/lb/logs/nginx.pid");
		assertThat(config.errorLog()).as("not the stream block's").contains("/opt/lb/logs/error.log");
		assertThat(config.includes()).containsExactly("/opt/lb/stream.d/*.conf");
	}

	@Test
	void tellsWhetherNginxReadsAFileOrWouldReadIt() {
		NginxEffectiveConfig config = NginxEffectiveConfig.parse(OWN_PREFIX, Optional.of("/opt/lb/"));
		assertThat(config.reads("/opt/lb/stream.d/warren.conf")).isTrue();
		assertThat(config.reads("/opt/lb/stream.d/second.conf")).as("a first push's file the glob matches").isTrue();
		assertThat(config.reads("/opt/lb/stream.d/warren.conf.warren-new")).isFalse();
		assertThat(config.reads("/etc/nginx/rabbitmq-stream.conf")).isFalse();
	}

	@Test
	void usesTheValidateCommandsOwnFlags() {
		assertThat(NginxEffectiveConfig.command(
				CommandLine.of("nginx", "-t", "-q", "-p", "/opt/lb/", "-c", "/opt/lb/nginx.conf.warren-new"),
				"/opt/lb/nginx.conf.warren-new", "/opt/lb/nginx.conf"))
			.contains(CommandLine.of("nginx", "-T", "-p", "/opt/lb/", "-c", "/opt/lb/nginx.conf"));
		assertThat(NginxEffectiveConfig.command(CommandLine.of("nginx", "-t"), "x", "y"))
			.contains(CommandLine.of("nginx", "-T"));
		assertThat(NginxEffectiveConfig.command(CommandLine.of("haproxy", "-c", "-f", "x"), "x", "y")).isEmpty();
	}

}
