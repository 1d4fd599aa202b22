package dev.warren.system;

import dev.warren.shared.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Pages answer an unknown id with the 404 page, never a 500.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

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

}
