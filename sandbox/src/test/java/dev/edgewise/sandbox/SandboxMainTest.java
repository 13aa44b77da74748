package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox run alone, as {@code make run} and {@code make scale} start it. */
class SandboxMainTest {
  static final Path SAMPLES =
      Path.of(System.getProperty("repository.root", "..")).resolve("config/samples");

  @Test
  void optionsDefaultToPort6443TheRepositoryKubeconfigAndTheStatusTable() {
    SandboxMain.Options options = SandboxMain.Options.parse();

    assertThat(options.port()).isEqualTo(6443);
    assertThat(options.kubeconfig()).isEqualTo(Path.of(".sandbox/kubeconfig"));
    assertThat(options.tick()).isEqualTo(Duration.ofMillis(200));
    assertThat(options.topology()).isNull();
    assertThat(options.samples()).isNull();
    assertThat(options.status()).isTrue();
  }

  @Test
  void everyOptionIsRead() {
    SandboxMain.Options options =
        SandboxMain.Options.parse(
            "--port=0",
            "--topology=t.yaml",
            "--samples=s",
            "--kubeconfig-out=k",
            "--tick-ms=50",
            "--pod-start-ms=4000",
            "--no-status");

    assertThat(options)
        .isEqualTo(
            new SandboxMain.Options(
                0,
                Path.of("t.yaml"),
                Path.of("s"),
                Path.of("k"),
                Duration.ofMillis(50),
                4000L,
                false));
  }

  @Test
  void aPodStartTimeReplacesTheTopologysAndKeepsTheRestOfItsBehaviour() {
    ClusterTopology topology = ClusterTopology.defaultTopology();

    ClusterTopology slower = topology.withPodStartMillis(4000);

    assertThat(slower.behaviour().podStartMillis()).isEqualTo(4000L);
    assertThat(slower.behaviour().failingModelVersions())
        .isEqualTo(topology.behaviour().failingModelVersions());
    assertThat(slower.nodeGroups()).isEqualTo(topology.nodeGroups());
    assertThatThrownBy(() -> SandboxMain.Options.parse("--pod-start-ms=soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--pod-start-ms: 'soon' is not a number of milliseconds (0 or more)");
  }

  @Test
  void anUnknownOptionIsRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> SandboxMain.Options.parse("--sandbox-only"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --sandbox-only")
        .hasMessageContaining("--samples=");
  }

  @Test
  void aSamplesPathThatIsNoDirectoryIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
    Path kubeconfig = dir.resolve("kubeconfig");
    SandboxMain.Options options =
        SandboxMain.Options.parse(
            "--port=0", "--samples=" + dir.resolve("missing"), "--kubeconfig-out=" + kubeconfig);

    assertThatThrownBy(() -> SandboxMain.start(options, System.out))
        .hasMessageContaining("is not a directory");
    assertThat(kubeconfig).doesNotExist();
  }

  @Test
  void writesTheKubeconfigAppliesTheSamplesAndPrintsTheStatusTable(@TempDir Path dir)
      throws Exception {
    Path kubeconfig = dir.resolve("state/kubeconfig");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    SandboxMain.Options options =
        SandboxMain.Options.parse(
            "--port=0", "--samples=" + SAMPLES, "--kubeconfig-out=" + kubeconfig, "--tick-ms=50");

    try (Sandbox sandbox = SandboxMain.start(options, out);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build()) {
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .startsWith(SandboxMain.READY_LINE + " API server at " + sandbox.url())
          .contains("export KUBECONFIG=" + kubeconfig.toAbsolutePath())
          .contains("applied 6 resources from " + SAMPLES);
      assertThat(client.getMasterUrl().toString()).startsWith(sandbox.url());
      assertThat(client.resources(EdgeNodePool.class).list().getItems()).hasSize(3);
      assertThat(client.resources(ModelDeployment.class).inNamespace("default").list().getItems())
          .extracting(md -> md.getMetadata().getName())
          .containsExactlyInAnyOrder("digits-edge", "digits-joint", "digits-trained");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> printed.toString(StandardCharsets.UTF_8).contains("MODELDEPLOYMENT"));
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("EDGENODEPOOL")
          .contains("kubeedge-edge")
          .contains("default/digits-trained");
    }
    assertThat(Files.list(kubeconfig.getParent())).containsExactly(kubeconfig);
  }
}
