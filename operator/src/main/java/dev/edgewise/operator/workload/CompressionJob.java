package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batch/v1 Job that compresses one model version on a cloud node with the edge runtime's {@code
 * compress} command ({@link CompressCommand}), writing to {@code /artifacts} (the operator's
 * artifacts claim, or an emptyDir when none is configured).
 */
public final class CompressionJob {
  public static final String CONTAINER = "compress";
  public static final int BACKOFF_LIMIT = 1;
  public static final long DEADLINE_SECONDS = 3600;

  private CompressionJob() {}

  /**
   * The compression Job of {@code md}'s current version.
   *
   * @param md a ModelDeployment with {@code spec.compression}
   * @param inputUri the artifact to compress (the model URI, or the training output)
   * @param settings operator configuration (edge runtime image, artifacts claim)
   */
  public static Job build(ModelDeployment md, String inputUri, RuntimeSettings settings) {
    String version = md.getSpec().getModel().getVersion();
    PipelineJob job =
        new PipelineJob().mount(artifactsVolume(settings), CompressCommand.ARTIFACTS_PATH);
    Map<String, PvcUri> inputs = new LinkedHashMap<>();
    PvcUri.parse(inputUri).ifPresent(pvc -> inputs.put(pvc.claim(), pvc));
    PvcUri.parse(md.getSpec().getCompression().getEvaluationDataUri())
        .ifPresent(pvc -> inputs.putIfAbsent(pvc.claim(), pvc));
    for (PvcUri input : inputs.values()) {
      job.mount(input.volume(true), input.mount(true));
    }
    return job.build(
        md,
        WorkloadNames.compressionJob(md),
        WorkloadLabels.job(md, WorkloadLabels.COMPRESSION, version),
        BACKOFF_LIMIT,
        DEADLINE_SECONDS,
        NodeAffinities.onCloudNodes(),
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(settings.edgeRuntimeImage())
            .withImagePullPolicy(settings.imagePullPolicy())
            .withCommand(CompressCommand.TOOLS_COMMAND)
            .withArgs(CompressCommand.args(md, inputUri))
            .addNewEnv()
            .withName("HOME")
            .withValue("/tmp")
            .endEnv());
  }

  private static Volume artifactsVolume(RuntimeSettings settings) {
    VolumeBuilder volume = new VolumeBuilder().withName("artifacts");
    if (settings.artifactsClaim() == null) {
      return volume.withNewEmptyDir().endEmptyDir().build();
    }
    return volume
        .withNewPersistentVolumeClaim()
        .withClaimName(settings.artifactsClaim())
        .endPersistentVolumeClaim()
        .build();
  }
}
