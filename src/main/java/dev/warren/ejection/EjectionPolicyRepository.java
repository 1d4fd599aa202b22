package dev.warren.ejection;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface EjectionPolicyRepository extends JpaRepository<EjectionPolicy, Long> {

	List<EjectionPolicy> findByEnabledTrue();

}
