package dev.warren.secrets;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface KnownHostRepository extends JpaRepository<KnownHost, Long> {

	Optional<KnownHost> findByHostAndPort(String host, int port);

}
