package dev.warren.balancer;

import java.nio.file.Path;

import dev.warren.support.LabTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every variant of the golden files passes the lab's real {@code nginx -t} (Debian's
 * NGINX with its stream module) or {@code haproxy -c}.
 */
@LabTest
class BalancerConfigsLabTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.warren.balancer.ConfigVariants#all")
	void passesTheRealValidator(ConfigVariants.Variant variant, @TempDir Path dir) throws Exception {
		RenderedConfig config = variant.render();
		if (variant.spec().kind() == BalancerKind.HAPROXY) {
			RealValidators.assertHaproxyAccepts(config.content(), dir);
		}
		else {
			RealValidators.assertNginxAccepts(config.content(), config.fileName(), variant.spec().os(), dir);
		}
	}

}
