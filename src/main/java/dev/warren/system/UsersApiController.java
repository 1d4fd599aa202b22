package dev.warren.system;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Console accounts for provisioning scripts, ADMIN only (the API's security chain says
 * so): the same rules as the users page, audited the same way.
 */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Console accounts and their roles (ADMIN only)")
class UsersApiController {

	private final Users users;

	UsersApiController(Users users) {
		this.users = users;
	}

	@GetMapping
	@Operation(summary = "List users")
	List<UserView> list() {
		return this.users.list();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a user")
	UserView get(@PathVariable long id) {
		return this.users.get(id);
	}

	@PostMapping
	@Operation(summary = "Create a user with a role; the password follows the same rules as the form")
	ResponseEntity<UserView> create(@RequestBody NewUser request) {
		UserView created = this.users.create(request.username(), request.password(), request.role());
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Change a user's role or disable it; omitted fields keep what is stored")
	UserView change(@PathVariable long id, @RequestBody UserChange request) {
		UserView current = this.users.get(id);
		return this.users.change(id, (request.role() != null) ? request.role() : current.role(),
				(request.enabled() != null) ? request.enabled() : current.enabled());
	}

	@PutMapping("/{id}/password")
	@Operation(summary = "Set a new password for a user")
	ResponseEntity<Void> password(@PathVariable long id, @RequestBody NewPasswordRequest request) {
		this.users.resetPassword(id, request.password());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a user (not yourself, not the last enabled admin)")
	ResponseEntity<Void> delete(@PathVariable long id, Principal principal) {
		this.users.delete(id, principal.getName());
		return ResponseEntity.noContent().build();
	}

	record NewUser(String username, String password, Role role) {

	}

	record UserChange(Role role, Boolean enabled) {

	}

	record NewPasswordRequest(String password) {

	}

}
