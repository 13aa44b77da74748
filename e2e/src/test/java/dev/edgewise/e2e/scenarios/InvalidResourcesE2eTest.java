package dev.edgewise.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.e2e.harness.LocalCluster;
import dev.edgewise.e2e.harness.Scenario;
import dev.edgewise.sandbox.ClusterTopology;
import dev.edgewise.sandbox.Sandbox;
import dev.edgewise.sandbox.admission.InvalidResourceTable;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 9: every case of the table of invalid resources is refused by kube-apiserver naming the
 * field, and the sandbox's admission gives the same verdict, the same code and the same field on
 * each (a differential test: the sandbox may not drift from Kubernetes).
 */
@Order(9)
class InvalidResourcesE2eTest {
  @RegisterExtension static final Scenario scenario = new Scenario("invalid");
  private static Sandbox sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox = Sandbox.start(0, ClusterTopology.defaultTopology(), Duration.ofSeconds(1));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  static Stream<InvalidResourceTable.Case> invalidResources() throws IOException {
    return InvalidResourceTable.read(LocalCluster.root()).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidResources")
  void kubeApiServerRefusesItNamingTheFieldAndTheSandboxAgrees(InvalidResourceTable.Case invalid) {
    Verdict kubernetes = verdict(scenario.client(), invalid, true);
    Verdict sandboxed = verdict(sandbox.client(), invalid, false);

    assertThat(kubernetes.code()).as("kube-apiserver's code for %s", invalid).isIn(400, 422);
    assertThat(kubernetes.message()).as("kube-apiserver's answer").contains(invalid.message());
    assertThat(kubernetes.names(invalid.field()))
        .as("kube-apiserver names %s in %s", invalid.field(), kubernetes)
        .isTrue();
    assertThat(sandboxed.code())
        .as("the sandbox's code, %s", sandboxed)
        .isEqualTo(kubernetes.code());
    assertThat(sandboxed.names(invalid.field()))
        .as("the sandbox names %s in %s", invalid.field(), sandboxed)
        .isTrue();
    assertThat(sandboxed.message()).as("the sandbox's answer").contains(invalid.message());
  }

  @Test
  void bothAcceptTheValidBases() throws IOException {
    for (String kind : List.of("ModelDeployment", "EdgeNodePool")) {
      var valid =
          new InvalidResourceTable.Case(
              kind, "the valid base", InvalidResourceTable.base(LocalCluster.root(), kind), "", "");
      assertThat(verdict(scenario.client(), valid, true).code())
          .as("kube-apiserver, %s", kind)
          .isEqualTo(201);
      assertThat(verdict(sandbox.client(), valid, false).code())
          .as("the sandbox, %s", kind)
          .isEqualTo(201);
    }
  }

  /**
   * What a cluster answers to creating the case's resource with strict field validation, as kubectl
   * sends it: on the real cluster as a dry run, so nothing is stored; the sandbox has no dry run,
   * and what it accepts is deleted again.
   */
  private static Verdict verdict(
      KubernetesClient client, InvalidResourceTable.Case invalid, boolean dryRun) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(invalid.resource().toString(), GenericKubernetesResource.class);
    try {
      var target = client.resource(resource);
      (dryRun ? target.dryRun() : target).fieldValidation(Validation.STRICT).create();
      if (!dryRun) {
        target.delete();
      }
      return new Verdict(201, "", List.of());
    } catch (KubernetesClientException e) {
      List<String> fields =
          e.getStatus() == null || e.getStatus().getDetails() == null
              ? List.of()
              : e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).toList();
      return new Verdict(e.getCode(), e.getMessage(), fields);
    }
  }

  /** A cluster's answer: HTTP code, message and the fields its causes name. */
  private record Verdict(int code, String message, List<String> fields) {
    /** Whether the answer names the field, in a cause or (strict decoding errors) the message. */
    boolean names(String field) {
      return fields.contains(field) || message.contains("\"" + field + "\"");
    }
  }
}
