package dev.warren.support;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's two kinds of RabbitMQ estate: Debian 12's RabbitMQ 3.10 on this machine, and
 * Debian 13's RabbitMQ 4.0 in a root of its own (its CLI runs inside that root, and
 * Warren reaches it through that root's own sshd). Tests that touch RabbitMQ run against
 * both.
 */
public enum LabEstate {

	RABBITMQ_3_10("rabbit", "ssh.port"),

	RABBITMQ_4_0("four", "four.ssh.port");

	private final String prefix;

	private final String sshPortKey;

	LabEstate(String prefix, String sshPortKey) {
		this.prefix = prefix;
		this.sshPortKey = sshPortKey;
	}

	/** {@code lab.properties} keys of this estate's nodes: {@code rabbit.0.node}, ... */
	public String key(int node, String field) {
		return this.prefix + "." + node + "." + field;
	}

	public String sshPortKey() {
		return this.sshPortKey;
	}

	/**
	 * The lab's own rabbitmqctl for this estate, run on this machine outside Warren.
	 */
	public List<String> rabbitmqctl(Lab lab) {
		if (this == RABBITMQ_3_10) {
			return List.of(lab.get("rabbitmqctl"));
		}
		List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
				"LANG=C.UTF-8", "HOME=/var/lib/rabbitmq", "chroot", lab.get("four.root"), "/usr/sbin/rabbitmqctl"));
		return command;
	}

	@Override
	public String toString() {
		return (this == RABBITMQ_3_10) ? "RabbitMQ 3.10" : "RabbitMQ 4.0";
	}

}
