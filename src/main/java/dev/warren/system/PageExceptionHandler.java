package dev.warren.system;

import java.util.Map;

import dev.warren.shared.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages answer an unknown id with the 404 page, and a database failure with a page that
 * says which kind it is, never a bare 500.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

	private final DatabaseProblems databaseProblems;

	PageExceptionHandler(DatabaseProblems databaseProblems) {
		this.databaseProblems = databaseProblems;
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Exception ex, Model model) {
		model.addAttribute("message", (ex instanceof NotFoundException) ? ex.getMessage() : "There is no such page.");
		return "error/404";
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.CONFLICT)
	String concurrentChange(OptimisticLockingFailureException ex, Model model) {
		model.addAttribute("message", "Someone else changed this record meanwhile. Go back, reload and try again.");
		return "error/409";
	}

	/**
	 * The same three answers as the API: unavailable 503, conflict 409, anything else
	 * 500.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ModelAndView database(Exception ex) {
		return switch (this.databaseProblems.classify(ex)) {
			case UNAVAILABLE -> new ModelAndView("error/503", Map.of("message", DatabaseProblems.UNAVAILABLE),
					HttpStatus.SERVICE_UNAVAILABLE);
			case CONFLICT ->
				new ModelAndView("error/409", Map.of("message", DatabaseProblems.CONFLICT + "."), HttpStatus.CONFLICT);
			case UNEXPECTED -> new ModelAndView("error/500", HttpStatus.INTERNAL_SERVER_ERROR);
		};
	}

}
