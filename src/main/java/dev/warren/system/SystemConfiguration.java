package dev.warren.system;

import java.time.Clock;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OpenAPI warrenOpenApi(ObjectProvider<BuildProperties> build) {
		String version = build.getIfAvailable(() -> null) != null ? build.getObject().getVersion() : "dev";
		return new OpenAPI()
			.info(new Info().title("Warren API")
				.version(version)
				.description("Inventory of RabbitMQ servers, clusters and balancers. HTTP Basic authentication "
						+ "with a Warren user; VIEWER users can only read. Errors are application/problem+json "
						+ "with an 'errors' list naming each rejected field."))
			.components(new Components().addSecuritySchemes("basic",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
