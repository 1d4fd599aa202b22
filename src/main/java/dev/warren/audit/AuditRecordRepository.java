package dev.warren.audit;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface AuditRecordRepository extends JpaRepository<AuditRecord, Long>, JpaSpecificationExecutor<AuditRecord> {

	@Query("select distinct a.actor from AuditRecord a order by a.actor")
	List<String> findActors();

	@Query("select distinct a.action from AuditRecord a order by a.action")
	List<String> findActions();

	@Query("select distinct a.targetType from AuditRecord a where a.targetType is not null order by a.targetType")
	List<String> findTargetTypes();

}
