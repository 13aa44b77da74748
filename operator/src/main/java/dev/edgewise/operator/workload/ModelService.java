package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ClusterIP Service in front of every edge runtime of a ModelDeployment. */
public final class ModelService {
  private ModelService() {}

  /** The Service: port 8080 ({@code http}) selecting the ModelDeployment's runtime pods. */
  public static Service build(ModelDeployment md) {
    Map<String, String> labels = new LinkedHashMap<>(WorkloadLabels.runtimeSelector(md));
    labels.put(WorkloadLabels.MANAGED_BY, WorkloadLabels.MANAGER);
    labels.put(
        WorkloadLabels.MODEL_DEPLOYMENT, WorkloadNames.labelValue(md.getMetadata().getName()));
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(WorkloadNames.service(md.getMetadata().getName()))
        .withNamespace(md.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(OwnerReferences.controlledBy(md))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(WorkloadLabels.runtimeSelector(md))
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
