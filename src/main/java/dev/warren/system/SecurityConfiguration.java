package dev.warren.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Three doors: {@code /api/**} with HTTP Basic, stateless, answering problems in JSON;
 * {@code /actuator/prometheus} the same for a metrics scraper; and the pages, with a
 * login form, sessions and CSRF tokens. On both, reading needs a login, changing needs
 * ADMIN or OPERATOR, and users are ADMIN only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final String[] PUBLIC_PATHS = { "/login", "/setup", "/assets/**", "/webjars/**", "/favicon.ico",
			"/error" };

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ThrottledAuthenticationProvider authenticationProvider(UserAccountRepository users, PasswordEncoder encoder,
			LoginThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new AccountDetailsService(users));
		provider.setPasswordEncoder(encoder);
		return new ThrottledAuthenticationProvider(provider, throttle);
	}

	/**
	 * Prometheus scrapes with HTTP Basic and keeps no session: any Warren user (a VIEWER
	 * account for the scraper is enough).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain metricsSecurity(HttpSecurity http, ApiSecurityProblems problems) {
		http.securityMatcher("/actuator/prometheus")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic((basic) -> basic.realmName("Warren").authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable);
		return securityHeaders(http).build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurityProblems problems) {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/v1/users", "/api/v1/users/**")
				.hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.GET, "/api/**")
				.authenticated()
				.anyRequest()
				.hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name()))
			.httpBasic((basic) -> basic.realmName("Warren").authenticationEntryPoint(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable);
		return securityHeaders(http).build();
	}

	/**
	 * The OpenAPI description and Swagger UI: a script reads them with its API
	 * credentials (HTTP Basic), a browser with its session; a browser without one is sent
	 * to the login page, anything else gets a 401 problem.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain apiDocsSecurity(HttpSecurity http, ApiSecurityProblems problems) {
		MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		browsers.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
		http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
				"/swagger-ui/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic((basic) -> basic.realmName("Warren").authenticationEntryPoint(problems))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers)
				.defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable);
		return securityHeaders(http).build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain pageSecurity(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(PUBLIC_PATHS)
			.permitAll()
			.requestMatchers("/users/**")
			.hasRole(Role.ADMIN.name())
			.requestMatchers(HttpMethod.GET, "/**")
			.authenticated()
			.requestMatchers(HttpMethod.POST, "/logout", "/account/password")
			.authenticated()
			.anyRequest()
			.hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name()))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error"))
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()));
		return securityHeaders(http).build();
	}

	private static HttpSecurity securityHeaders(HttpSecurity http) {
		return http.headers((headers) -> headers
			.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.frameOptions((frame) -> frame.deny())
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.permissionsPolicyHeader((permissions) -> permissions.policy("camera=(), microphone=(), geolocation=()")));
	}

}
