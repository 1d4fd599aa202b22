package dev.warren;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WarrenApplication {

	public static void main(String[] args) {
		SpringApplication.run(WarrenApplication.class, args);
	}

}
