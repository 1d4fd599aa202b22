package dev.warren.balancer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * Pushes as a careful estate's SSH user (issue 17): its sudo covers only the RabbitMQ CLI
 * and {@code nginx}. A push that needs more is refused before anything is uploaded,
 * naming each missing privilege and the drop-in that grants it; with the config directory
 * writable by the user's group, a push succeeds with sudo for nginx only.
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

	Path directory;

	@BeforeEach
	void setUp() throws IOException {
		this.lab = Lab.find().orElseThrow();
		this.api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, this.api, this.shells);
		this.nginx = new LabNginx(this.lab);
		this.directory = this.nginx.conf().getParent();
	}

	@AfterEach
	void putTheLabsNginxBack() throws Exception {
		Files.getFileAttributeView(this.directory, PosixFileAttributeView.class).setGroup(group("root"));
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		this.nginx.restore();
		Files.setOwner(this.nginx.conf(),
				this.directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
	}

	@Test
	void aPushThatNeedsMoreSudoIsRefusedBeforeAnythingIsUploadedNamingTheMissingPrivilegesAndTheDropIn()
			throws Exception {
		String user = this.lab.get("ssh.narrow.user");
		long host = this.nodes.narrowServer(this.nodes.node(0), Map.of());
		long balancer = Json.id(Api
			.body(this.api.post("/api/v1/balancers", this.nginx.balancer(this.api.cluster(host), host, 5696)), 201));
		List<Path> uploadsBefore = uploads();

		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this.nginx::forTheLab));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).contains("Nothing changed", user + " lacks", "sudo -n /usr/bin/mv",
				"sudo -n /usr/bin/stat", user + " ALL=(root) NOPASSWD: ", "/usr/sbin/nginx", "writable by its group");
		assertThat(run.summary()).as("what the drop-in already allows is not called missing")
			.doesNotContain("sudo -n /usr/sbin/nginx (");
		StepView check = run.steps().get(0);
		assertThat(check.output()).contains("sudo -n -l").contains(this.nginx.conf().toString());
		assertThat(run.steps().subList(1, run.steps().size())).as("nothing after the check ran")
			.allMatch((step) -> step.startedAt() == null);
		assertThat(Files.readString(this.nginx.conf())).isEqualTo(this.nginx.original());
		assertThat(Files.exists(Path.of(this.nginx.conf() + ".warren-new"))).isFalse();
		assertThat(uploads()).as("nothing was uploaded").isEqualTo(uploadsBefore);

		String dropIn = run.summary().substring(run.summary().indexOf("# Warren:"));
		dropIn = dropIn.substring(0, dropIn.indexOf('\n', dropIn.indexOf("NOPASSWD")) + 1);
		assertThat(visudo(dropIn)).as("the offered drop-in is valid sudoers").isZero();
	}

	@Test
	void withTheConfigDirectoryWritableByTheUsersGroupAPushSucceedsWithSudoForNginxOnly() throws Exception {
		String user = this.lab.get("ssh.narrow.user");
		Files.getFileAttributeView(this.directory, PosixFileAttributeView.class).setGroup(group(user));
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxrwxr-x"));
		long host = this.nodes.narrowServer(this.nodes.node(0), Map.of());
		Map<String, Object> body = this.nginx.balancer(this.api.cluster(host), host, 5697);
		body.put("fileAccess", "SSH_USER");
		long balancer = Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));

		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this.nginx::forTheLab));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.summary()).contains("is live", "AMQP message went through");
		assertThat(run.steps()).filteredOn((step) -> step.command() != null && step.command().startsWith("sudo"))
			.extracting(StepView::command)
			.as("only nginx ran through sudo")
			.isNotEmpty()
			.allMatch((command) -> command.startsWith("sudo -n -- nginx"));
		assertThat(run.steps())
			.anyMatch((step) -> step.output() != null && step.output().contains("it will belong to " + user));
		assertThat(Files.readString(this.nginx.conf())).contains("listen 127.0.0.1:5697");
		assertThat(Files.getOwner(this.nginx.conf()).getName()).isEqualTo(user);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.nginx.conf())))
			.as("the live file's mode is kept")
			.isEqualTo("rw-r--r--");
	}

	private GroupPrincipal group(String name) throws IOException {
		UserPrincipalLookupService lookup = this.directory.getFileSystem().getUserPrincipalLookupService();
		return lookup.lookupPrincipalByGroupName(name);
	}

	private static int visudo(String dropIn) throws Exception {
		Path file = Files.createTempFile("warren-dropin-", ".sudoers");
		try {
			Files.writeString(file, dropIn);
			Process process = new ProcessBuilder("visudo", "-c", "-q", "-f", file.toString()).inheritIO().start();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			return process.exitValue();
		}
		finally {
			Files.delete(file);
		}
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
