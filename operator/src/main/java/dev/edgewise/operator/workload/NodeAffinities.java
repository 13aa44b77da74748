package dev.edgewise.operator.workload;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import java.util.List;

/** The required node affinities of Edgewise workloads. */
public final class NodeAffinities {
  public static final String HOSTNAME = "kubernetes.io/hostname";
  public static final String KUBEEDGE_EDGE = "node-role.kubernetes.io/edge";
  public static final String KUBEEDGE_AGENT = "node-role.kubernetes.io/agent";
  public static final String OPENYURT_EDGE_WORKER = "openyurt.io/is-edge-worker";

  private NodeAffinities() {}

  /** Only the named node ({@code kubernetes.io/hostname In [node]}). */
  public static Affinity onNode(String node) {
    return required(requirement(HOSTNAME, "In", node));
  }

  /** Only cloud nodes: no KubeEdge role label and not an OpenYurt edge worker. */
  public static Affinity onCloudNodes() {
    return required(
        requirement(KUBEEDGE_EDGE, "DoesNotExist"),
        requirement(KUBEEDGE_AGENT, "DoesNotExist"),
        requirement(OPENYURT_EDGE_WORKER, "NotIn", "true"));
  }

  private static Affinity required(NodeSelectorRequirement... requirements) {
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .withMatchExpressions(List.of(requirements))
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }

  private static NodeSelectorRequirement requirement(
      String key, String operator, String... values) {
    return new NodeSelectorRequirementBuilder()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .build();
  }
}
