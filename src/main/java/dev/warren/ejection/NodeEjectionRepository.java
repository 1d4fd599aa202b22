package dev.warren.ejection;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface NodeEjectionRepository extends JpaRepository<NodeEjection, NodeEjection.Key> {

	List<NodeEjection> findByClusterId(long clusterId);

	List<NodeEjection> findByClusterIdAndEjectedTrue(long clusterId);

	List<NodeEjection> findByAppliedFalse();

}
