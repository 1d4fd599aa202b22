package dev.warren.rabbitmq;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ConnectionCheckRepository extends JpaRepository<ConnectionCheckRecord, Long> {

	Optional<ConnectionCheckRecord> findFirstByServerIdOrderByCheckedAtDescIdDesc(long serverId);

	List<ConnectionCheckRecord> findByServerIdOrderByCheckedAtDescIdDesc(long serverId, Pageable pageable);

}
