package dev.warren.system;

/**
 * What a user may do. ADMIN: everything including users; OPERATOR: run wizards and
 * deployments and edit the inventory; VIEWER: read only.
 */
public enum Role {

	ADMIN, OPERATOR, VIEWER;

	public String authority() {
		return "ROLE_" + name();
	}

}
