package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.TrainingSpec;
import dev.edgewise.operator.planner.GpuNodePicker;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batch/v1 Job that trains one model version on the GPU node the {@link GpuNodePicker} chose:
 * {@code nvidia.com/gpu} limits, pinned to the node, tolerating {@code nvidia.com/gpu:NoSchedule},
 * restricted Pod Security; the container finds where to write in {@code EDGEWISE_OUTPUT_URI} (and
 * {@code EDGEWISE_OUTPUT_PATH} when that is a mounted pvc:// location).
 */
public final class TrainingJob {
  public static final String CONTAINER = "train";
  public static final int DEFAULT_BACKOFF_LIMIT = 3;

  private TrainingJob() {}

  /**
   * The training Job of {@code md}'s current version.
   *
   * @param md a ModelDeployment with {@code spec.training}
   * @param gpuNode name of the node to train on
   * @param settings operator configuration (pull policy)
   */
  public static Job build(ModelDeployment md, String gpuNode, RuntimeSettings settings) {
    TrainingSpec training = md.getSpec().getTraining();
    String version = md.getSpec().getModel().getVersion();
    Map<String, String> labels = WorkloadLabels.job(md, WorkloadLabels.TRAINING, version);
    labels.put(WorkloadLabels.NODE, WorkloadNames.labelValue(gpuNode));
    Optional<PvcUri> output = PvcUri.parse(training.getOutputUri());
    Quantity gpus =
        new Quantity(String.valueOf(training.getGpus() == null ? 1 : training.getGpus()));
    PipelineJob job = new PipelineJob();
    output.ifPresent(pvc -> job.mount(pvc.volume(false), pvc.mount(false)));
    return job.build(
        md,
        WorkloadNames.trainingJob(md),
        labels,
        training.getBackoffLimit() == null ? DEFAULT_BACKOFF_LIMIT : training.getBackoffLimit(),
        training.getActiveDeadlineSeconds(),
        NodeAffinities.onNode(gpuNode),
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(training.getImage())
            .withImagePullPolicy(settings.imagePullPolicy())
            .withCommand(training.getCommand())
            .withArgs(training.getArgs())
            .withEnv(env(md, training, version, output))
            .withNewResources()
            .withLimits(Map.of("nvidia.com/gpu", gpus))
            .withRequests(Map.of("nvidia.com/gpu", gpus))
            .endResources(),
        GpuNodePicker.GPU_TOLERATION);
  }

  private static List<EnvVar> env(
      ModelDeployment md, TrainingSpec training, String version, Optional<PvcUri> output) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(RuntimeEnv.OUTPUT_URI, training.getOutputUri(), null));
    output.ifPresent(pvc -> env.add(new EnvVar(RuntimeEnv.OUTPUT_PATH, pvc.localPath(), null)));
    env.add(new EnvVar(RuntimeEnv.MODEL_NAME, md.getMetadata().getName(), null));
    env.add(new EnvVar(RuntimeEnv.MODEL_VERSION, version, null));
    env.add(new EnvVar("HOME", "/tmp", null));
    return env;
  }
}
