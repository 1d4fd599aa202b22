package dev.warren.clustering;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface RunRepository extends JpaRepository<Run, Long> {

	List<Run> findByStatusIn(List<RunStatus> statuses);

	Page<Run> findAllByOrderByCreatedAtDescIdDesc(Pageable pageable);

	List<Run> findTop10ByClusterIdOrderByCreatedAtDescIdDesc(Long clusterId);

}
