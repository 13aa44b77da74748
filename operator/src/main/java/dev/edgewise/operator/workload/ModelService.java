package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ClusterIP Services of a ModelDeployment: one in front of every edge runtime, and, for joint
 * inference, {@code cloud-<md>} in front of the cloud runtime, the one edge runtimes call.
 */
public final class ModelService {
  private ModelService() {}

  /** The Service: port 8080 ({@code http}) selecting the ModelDeployment's runtime pods. */
  public static Service build(ModelDeployment md) {
    return build(
        md, WorkloadNames.service(md.getMetadata().getName()), WorkloadLabels.runtimeSelector(md));
  }

  /** The cloud runtime's Service: {@code cloud-<md>}, port 8080 ({@code http}). */
  public static Service cloud(ModelDeployment md) {
    return build(
        md,
        WorkloadNames.cloudRuntime(md.getMetadata().getName()),
        WorkloadLabels.cloudRuntimeSelector(md));
  }

  private static Service build(ModelDeployment md, String name, Map<String, String> selector) {
    Map<String, String> labels = new LinkedHashMap<>(selector);
    labels.put(WorkloadLabels.MANAGED_BY, WorkloadLabels.MANAGER);
    labels.put(
        WorkloadLabels.MODEL_DEPLOYMENT, WorkloadNames.labelValue(md.getMetadata().getName()));
    return new ServiceBuilder()
        .withMetadata(OwnerReferences.ownedMetadata(md, name, labels).build())
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector)
        .addNewPort()
        .withName(EdgeRuntimeDeployment.PORT_NAME)
        .withPort(EdgeRuntimeDeployment.PORT)
        .withTargetPort(new IntOrString(EdgeRuntimeDeployment.PORT_NAME))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
