package dev.warren.inventory;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ServerRepository extends JpaRepository<Server, Long> {

	Optional<Server> findByNameIgnoreCase(String name);

	List<Server> findAllByOrderByNameAsc();

}
