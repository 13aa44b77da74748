package dev.edgewise.operator.workload;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Optional;

/**
 * A {@code pvc://<claim>/<path>} location and where a Job sees it: the claim is mounted at {@code
 * /pvc/<claim>}, so the file is {@code /pvc/<claim>/<path>}.
 *
 * @param claim PersistentVolumeClaim name
 * @param path path inside the claim, without a leading slash
 */
public record PvcUri(String claim, String path) {
  public static final String SCHEME = "pvc://";
  public static final String MOUNT_ROOT = "/pvc/";

  /** The location, when the URI is a {@code pvc://} one. */
  public static Optional<PvcUri> parse(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    return Optional.of(
        slash < 0
            ? new PvcUri(rest, "")
            : new PvcUri(rest.substring(0, slash), rest.substring(slash + 1)));
  }

  /** The URI a Job uses: {@code file:///pvc/<claim>/<path>} for a pvc:// URI, else unchanged. */
  public static String inJob(String uri) {
    return parse(uri).map(pvc -> "file://" + pvc.localPath()).orElse(uri);
  }

  /** Where the claim is mounted. */
  public String mountPath() {
    return MOUNT_ROOT + claim;
  }

  /** Where the file is inside the Job's container. */
  public String localPath() {
    return path.isEmpty() ? mountPath() : mountPath() + "/" + path;
  }

  /** Name of the volume that mounts the claim. */
  public String volumeName() {
    return WorkloadNames.dnsLabel("pvc-" + claim);
  }

  /** The volume of the claim. */
  public Volume volume(boolean readOnly) {
    return new VolumeBuilder()
        .withName(volumeName())
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .withReadOnly(readOnly)
        .endPersistentVolumeClaim()
        .build();
  }

  /** The mount of the claim. */
  public VolumeMount mount(boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volumeName())
        .withMountPath(mountPath())
        .withReadOnly(readOnly)
        .build();
  }
}
