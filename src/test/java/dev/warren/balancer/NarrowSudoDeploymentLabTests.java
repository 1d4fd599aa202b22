package dev.warren.balancer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.clustering.StepView;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push as a careful estate's SSH user (issue 17): sudo covers only the RabbitMQ CLI and
 * {@code nginx}. Every refusal stops the run before anything is uploaded, and is never
 * read as "the file does not exist".
 */
@LabTest
@WarrenTest
class NarrowSudoDeploymentLabTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	BalancerDeployments deployments;

	@Autowired
	Runs runs;

	Lab lab;

	Api api;

	LabCluster nodes;

	LabNginx nginx;

	@BeforeEach
	void setUp() throws IOException {
		this.lab = Lab.find().orElseThrow();
		this.api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, this.api, this.shells);
		this.nginx = new LabNginx(this.lab);
	}

	@AfterEach
	void putTheLabsNginxBack() throws Exception {
		this.nginx.restore();
	}

	@Test
	void aRefusedLookAtTheLiveFileStopsThePushBeforeAnythingIsUploaded() throws Exception {
		long host = this.nodes.narrowServer(this.nodes.node(0), Map.of());
		long cluster = this.api.cluster(host);
		long balancer = Json
			.id(Api.body(this.api.post("/api/v1/balancers", this.nginx.balancer(cluster, host, 5696)), 201));
		List<Path> uploadsBefore = uploads();

		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this.nginx::forTheLab));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).contains("Nothing changed", "Could not tell whether " + this.nginx.conf(),
				"sudo refused it", "as " + this.lab.get("ssh.narrow.user") + " through sudo -n");
		assertThat(run.summary()).doesNotContain("does not exist");
		StepView read = run.steps().get(0);
		assertThat(read.output()).contains("sudo: a password is required");
		assertThat(run.steps().subList(1, run.steps().size())).as("nothing after the refused look ran")
			.allMatch((step) -> step.startedAt() == null);
		assertThat(Files.readString(this.nginx.conf())).isEqualTo(this.nginx.original());
		assertThat(Files.exists(Path.of(this.nginx.conf() + ".warren-new"))).isFalse();
		assertThat(uploads()).as("no upload was left in /tmp").isEqualTo(uploadsBefore);
	}

	private static List<Path> uploads() throws IOException {
		List<Path> found = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("/tmp"), "warren-upload-*")) {
			files.forEach(found::add);
		}
		return found;
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
