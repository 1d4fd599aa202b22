package dev.warren.secrets;

import org.springframework.data.jpa.repository.JpaRepository;

interface StoredSecretRepository extends JpaRepository<StoredSecret, String> {

}
