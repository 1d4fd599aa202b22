package dev.warren.inventory;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ClusterRepository extends JpaRepository<Cluster, Long> {

	Optional<Cluster> findByNameIgnoreCase(String name);

	List<Cluster> findAllByOrderByNameAsc();

	@Query("select c from Cluster c join c.memberServerIds m where m = :serverId")
	List<Cluster> findByMember(Long serverId);

}
