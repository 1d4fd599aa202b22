package dev.warren.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * 401 and 403 for the API as {@code application/problem+json}, like every other API
 * error.
 */
@Component
class ApiSecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	private final DatabaseProblems databaseProblems;

	ApiSecurityProblems(JsonMapper json, DatabaseProblems databaseProblems) {
		this.json = json;
		this.databaseProblems = databaseProblems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof InternalAuthenticationServiceException
				&& this.databaseProblems.classify(exception) == DatabaseFailures.UNAVAILABLE) {
			// Not a wrong password: the user could not be looked up at all.
			write(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseProblems.UNAVAILABLE, request);
			return;
		}
		response.setHeader("WWW-Authenticate", "Basic realm=\"Warren\"");
		String detail = (exception instanceof org.springframework.security.authentication.LockedException)
				? exception.getMessage() : "Log in with HTTP Basic authentication (a Warren user name and password)";
		write(response, HttpStatus.UNAUTHORIZED, detail, request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		write(response, HttpStatus.FORBIDDEN, "Your role does not allow this; VIEWER users can only read", request);
	}

	private void write(HttpServletResponse response, HttpStatus status, String detail, HttpServletRequest request)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(java.net.URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write(this.json.writeValueAsString(problem));
	}

}
