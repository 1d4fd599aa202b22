package dev.warren.balancer;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface BalancerRevisionRepository extends JpaRepository<BalancerRevision, Long> {

	List<BalancerRevision> findByBalancerIdOrderByDeployedAtDescIdDesc(Long balancerId);

	Optional<BalancerRevision> findByIdAndBalancerId(Long id, Long balancerId);

}
