package dev.warren.system;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.warren.shared.AdminOnlyFieldException;
import dev.warren.shared.ConflictException;
import dev.warren.shared.FieldProblem;
import dev.warren.shared.InvalidFieldException;
import dev.warren.shared.NotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is {@code application/problem+json}. Rejected input names its fields in
 * {@code errors: [{"field", "message"}]}; nothing unexpected leaks a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final DatabaseProblems databaseProblems;

	ApiExceptionHandler(DatabaseProblems databaseProblems) {
		this.databaseProblems = databaseProblems;
	}

	@ExceptionHandler
	ResponseEntity<Object> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<Object> adminOnly(AdminOnlyFieldException ex) {
		return problem(HttpStatus.FORBIDDEN, "Only an ADMIN may change this", ex.getMessage(), ex.problems());
	}

	@ExceptionHandler
	ResponseEntity<Object> invalid(InvalidFieldException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage(), ex.problems());
	}

	@ExceptionHandler
	ResponseEntity<Object> conflict(ConflictException ex) {
		List<FieldProblem> problems = (ex.field() != null) ? List.of(new FieldProblem(ex.field(), ex.getMessage()))
				: List.of();
		return problem(HttpStatus.CONFLICT, "Conflict", ex.getMessage(), problems);
	}

	/**
	 * A closed or unreachable database is a 503 that says so (and the pool reconnects); a
	 * duplicate or a reference in use is a 409; any other refusal is a bug, a 500.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<Object> database(Exception ex) {
		return switch (this.databaseProblems.classify(ex)) {
			case UNAVAILABLE -> problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
					DatabaseProblems.UNAVAILABLE, List.of());
			case CONFLICT -> problem(HttpStatus.CONFLICT, "Conflict", DatabaseProblems.CONFLICT, List.of());
			case UNEXPECTED ->
				problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", DatabaseProblems.UNEXPECTED, List.of());
		};
	}

	@ExceptionHandler
	ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict",
				"Someone else changed this record meanwhile; reload and try again", List.of());
	}

	@ExceptionHandler
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getName() + ": '" + ex.getValue() + "' is not valid",
				List.of(new FieldProblem(ex.getName(), "is not a valid value")));
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex) {
		logger.error("Unexpected error in an API call", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"Warren could not complete the request; the console log has the details", List.of());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> problems = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldProblem(error.getField(), error.getDefaultMessage()))
			.toList();
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(problems), problems);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = (ex.getCause() instanceof JacksonException jackson) ? fieldOf(jackson) : null;
		if (field != null && !field.isEmpty()) {
			FieldProblem problem = new FieldProblem(field, (ex.getCause() instanceof StreamConstraintsException)
					? "is too long or too large" : "has a value of the wrong type or an unknown constant");
			return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(List.of(problem)), List.of(problem));
		}
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", "The request body is not valid JSON", List.of());
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(response.getBody());
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail,
			List<FieldProblem> problems) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		if (!problems.isEmpty()) {
			body.setProperty("errors", problems);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	/**
	 * The JSON field an error belongs to: from the binding path, else (a value too long
	 * to read, say) from where the parser stood.
	 */
	private static String fieldOf(JacksonException ex) {
		if (!ex.getPath().isEmpty()) {
			return ex.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
		}
		if (ex.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
			Deque<String> parts = new ArrayDeque<>();
			for (TokenStreamContext context = parser.streamReadContext(); context != null
					&& !context.inRoot(); context = context.getParent()) {
				parts.push(context.inArray() ? "[" + context.getCurrentIndex() + "]"
						: Objects.toString(context.currentName(), ""));
			}
			StringBuilder field = new StringBuilder();
			for (String part : parts) {
				field.append((part.startsWith("[") || field.isEmpty()) ? "" : ".").append(part);
			}
			return field.toString();
		}
		return null;
	}

	private static String summary(List<FieldProblem> problems) {
		return problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
	}

}
