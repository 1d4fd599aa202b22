package dev.warren.drill;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface DrillRepository extends JpaRepository<Drill, Long> {

	List<Drill> findByClusterIdOrderByStartedAtDescIdDesc(long clusterId);

	Optional<Drill> findByRunId(long runId);

	List<Drill> findByResult(DrillResult result);

}
