package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.e2e.harness.Scenario;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 8: deleting a ModelDeployment lets the real garbage collector remove everything it owned
 * (edge runtimes, the cloud runtime of joint inference, Services, their ReplicaSets and pods); the
 * operator needs no finalizer for it.
 */
@Order(8)
class GarbageCollectionE2eTest {
  private static final String MD = "digits-joint";

  @RegisterExtension static final Scenario scenario = new Scenario("gc");

  @Test
  void deletingAModelDeploymentRemovesEverythingItOwned() {
    scenario.apply(Scenario.sample("edgewise.dev_v1alpha1_modeldeployment_digits-joint.yaml"));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(90));
    ModelDeployment md = scenario.modelDeployment(MD);
    assertThat(md.getMetadata().getFinalizers()).isEmpty();
    List<HasMetadata> owned = owned();
    assertThat(owned)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .contains("Deployment/cloud-" + MD, "Service/cloud-" + MD, "Service/" + MD);

    scenario.client().resource(md).delete();

    eventually(Duration.ofSeconds(60)).until(() -> owned().isEmpty() && pods().isEmpty());
  }

  /** The Deployments, Services and ReplicaSets in the namespace. */
  private static List<HasMetadata> owned() {
    List<HasMetadata> all = new ArrayList<>();
    String ns = scenario.namespace();
    all.addAll(scenario.client().apps().deployments().inNamespace(ns).list().getItems());
    all.addAll(scenario.client().apps().replicaSets().inNamespace(ns).list().getItems());
    all.addAll(
        scenario.client().services().inNamespace(ns).list().getItems().stream()
            .filter(s -> !"kubernetes".equals(s.getMetadata().getName()))
            .toList());
    return all;
  }

  private static List<?> pods() {
    return scenario.client().pods().inNamespace(scenario.namespace()).list().getItems();
  }
}
