package dev.warren.clustering;

import java.util.concurrent.Executor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class ClusteringConfiguration {

	/**
	 * Runs and preflight checks. Threads mostly wait on SSH, so there are many; the queue
	 * is small so that overload shows instead of piling up.
	 */
	@Bean(destroyMethod = "shutdown")
	Executor clusteringExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("run-");
		executor.setCorePoolSize(16);
		executor.setMaxPoolSize(64);
		executor.setQueueCapacity(256);
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.initialize();
		return executor;
	}

}
