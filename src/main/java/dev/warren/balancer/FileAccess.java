package dev.warren.balancer;

/**
 * How Warren writes a balancer's config file on its host.
 */
public enum FileAccess {

	/**
	 * Through {@code sudo -n} when the host's server says so (stat, mv, chown, chmod, cp,
	 * cat, tail, ps, ss, rm, and the validate and reload commands).
	 */
	SUDO("Through sudo (the host's sudo setting)"),

	/**
	 * As the SSH user itself, in a config directory its group may write: only the
	 * validate and reload commands run through sudo. The new file belongs to the SSH user
	 * (it cannot give it another owner) and keeps the live file's mode.
	 */
	SSH_USER("As the SSH user, in a directory it may write (sudo only for validate and reload)");

	private final String label;

	FileAccess(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
