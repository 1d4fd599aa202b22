package dev.warren.inventory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "cluster")
class Cluster {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Version
	private long version;

	@Column(nullable = false, unique = true, length = 64)
	private String name;

	@Column(name = "primary_server_id", nullable = false)
	private Long primaryServerId;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "cluster_member", joinColumns = @JoinColumn(name = "cluster_id"))
	@Column(name = "server_id", nullable = false)
	private Set<Long> memberServerIds = new HashSet<>();

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Cluster() {
	}

	Cluster(String name, Long primaryServerId, List<Long> members, Instant now) {
		this.createdAt = now;
		change(name, primaryServerId, members, now);
	}

	final void change(String name, Long primaryServerId, List<Long> members, Instant now) {
		if (!members.contains(primaryServerId)) {
			throw new IllegalArgumentException("The primary must be a member");
		}
		this.name = name;
		this.primaryServerId = primaryServerId;
		this.memberServerIds.retainAll(members);
		this.memberServerIds.addAll(members);
		this.updatedAt = now;
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	Long primaryServerId() {
		return this.primaryServerId;
	}

	/** The primary first, then the others in the order they were added (by server id). */
	List<Long> memberServerIds() {
		return this.memberServerIds.stream()
			.sorted(Comparator.comparing((Long id) -> !id.equals(this.primaryServerId)).thenComparing(Long::longValue))
			.toList();
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

}
