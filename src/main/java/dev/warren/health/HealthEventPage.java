package dev.warren.health;

import java.util.List;

/**
 * One page of state changes, newest first.
 *
 * @param events this page's events
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many events match in all
 */
public record HealthEventPage(List<HealthEventView> events, int page, int size, long total) {

	public int totalPages() {
		return (int) ((this.total + this.size - 1) / Math.max(1, this.size));
	}

}
