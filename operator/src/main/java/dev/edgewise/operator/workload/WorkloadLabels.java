package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code app.kubernetes.io/*} and {@code edgewise.dev/*} labels of Edgewise workloads.
 *
 * <p>Edge and cloud runtimes run the same application ({@code app.kubernetes.io/name:
 * edgewise-edge-runtime}), so the operator's runtime informers see both. The cloud runtime of joint
 * inference is its own instance ({@code app.kubernetes.io/instance: cloud-<md>}, so the edge
 * Service never selects it) and carries {@code edgewise.dev/role: cloud}. Edge runtimes carry no
 * role label: adding one would change every existing edge pod template and roll it.
 */
public final class WorkloadLabels {
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String VERSION = "app.kubernetes.io/version";
  public static final String MODEL_DEPLOYMENT = "edgewise.dev/model-deployment";
  public static final String NODE = "edgewise.dev/node";
  public static final String MODEL_VERSION = "edgewise.dev/model-version";
  public static final String POOL = "edgewise.dev/pool";
  public static final String ROLE = "edgewise.dev/role";
  public static final String ROLE_CLOUD = "cloud";

  public static final String EDGE_RUNTIME = "edgewise-edge-runtime";
  public static final String TRAINING = "edgewise-training";
  public static final String COMPRESSION = "edgewise-compression";
  public static final String MANAGER = "edgewise";

  private WorkloadLabels() {}

  /** Labels that select every edge runtime pod of a ModelDeployment (the Service's selector). */
  public static Map<String, String> runtimeSelector(ModelDeployment md) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, EDGE_RUNTIME);
    labels.put(INSTANCE, WorkloadNames.labelValue(md.getMetadata().getName()));
    return labels;
  }

  /** Labels that select the runtime pod of a ModelDeployment on one node (immutable selector). */
  public static Map<String, String> runtimeNodeSelector(ModelDeployment md, String node) {
    Map<String, String> labels = runtimeSelector(md);
    labels.put(NODE, WorkloadNames.labelValue(node));
    return labels;
  }

  /** Every label of an edge runtime Deployment and its pods. */
  public static Map<String, String> runtime(
      ModelDeployment md, String node, String pool, String modelVersion) {
    Map<String, String> labels = runtimeNodeSelector(md, node);
    labels.putAll(common(md, modelVersion));
    labels.put(POOL, WorkloadNames.labelValue(pool));
    return labels;
  }

  /** Labels that select the cloud runtime pods of a ModelDeployment (immutable selector). */
  public static Map<String, String> cloudRuntimeSelector(ModelDeployment md) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, EDGE_RUNTIME);
    labels.put(
        INSTANCE, WorkloadNames.labelValue(WorkloadNames.cloudRuntime(md.getMetadata().getName())));
    labels.put(ROLE, ROLE_CLOUD);
    return labels;
  }

  /** Every label of the cloud runtime Deployment and its pods. */
  public static Map<String, String> cloudRuntime(ModelDeployment md, String modelVersion) {
    Map<String, String> labels = cloudRuntimeSelector(md);
    labels.putAll(common(md, modelVersion));
    return labels;
  }

  /** Whether the labels are those of a cloud runtime (Deployment, Service or pod). */
  public static boolean isCloudRuntime(Map<String, String> labels) {
    return labels != null && ROLE_CLOUD.equals(labels.get(ROLE));
  }

  /** Labels of a training or compression Job and its pods. */
  public static Map<String, String> job(ModelDeployment md, String name, String modelVersion) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, name);
    labels.put(INSTANCE, WorkloadNames.labelValue(md.getMetadata().getName()));
    labels.putAll(common(md, modelVersion));
    return labels;
  }

  /** Labels every Edgewise workload of the ModelDeployment carries. */
  private static Map<String, String> common(ModelDeployment md, String modelVersion) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(VERSION, WorkloadNames.labelValue(modelVersion));
    labels.put(MODEL_DEPLOYMENT, WorkloadNames.labelValue(md.getMetadata().getName()));
    labels.put(MODEL_VERSION, WorkloadNames.labelValue(modelVersion));
    return labels;
  }
}
