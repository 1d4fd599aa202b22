package dev.warren.system;

import java.time.Instant;

/**
 * A user as the users page shows it.
 */
public record UserView(long id, String username, Role role, boolean enabled, Instant createdAt, Instant updatedAt) {

}
