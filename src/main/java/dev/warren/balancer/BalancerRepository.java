package dev.warren.balancer;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface BalancerRepository extends JpaRepository<Balancer, Long> {

	Optional<Balancer> findByNameIgnoreCase(String name);

	List<Balancer> findAllByOrderByNameAsc();

	List<Balancer> findByClusterId(Long clusterId);

	List<Balancer> findByHostServerId(Long serverId);

}
