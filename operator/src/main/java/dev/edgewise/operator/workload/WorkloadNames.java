package dev.edgewise.operator.workload;

import dev.edgewise.api.Sha256;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Locale;

/**
 * Names and label values of the objects Edgewise creates: DNS-1123 labels of at most 63 characters.
 * A name that would be longer is cut and ends with a hash of the whole, so it stays unique and
 * stable.
 */
public final class WorkloadNames {
  public static final int MAX_LENGTH = 63;
  private static final int HASH_LENGTH = 8;

  private WorkloadNames() {}

  /** The runtime Deployment of a ModelDeployment on one node: {@code <md>-<node>}. */
  public static String runtimeDeployment(String modelDeployment, String node) {
    return dnsLabel(modelDeployment + "-" + node);
  }

  /** The Service of a ModelDeployment. */
  public static String service(String modelDeployment) {
    return dnsLabel(modelDeployment);
  }

  /**
   * How every cloud runtime name starts. Edge runtime names start with their ModelDeployment's name
   * and a dash ({@code <md>} for the Service, {@code <md>-<node>} for a Deployment, cut from the
   * end when long), so none starts with it unless the ModelDeployment's name does: {@link
   * #collidesWithCloudRuntimes} says which names those are, and the operator refuses them.
   */
  public static final String CLOUD_PREFIX = "cloud-";

  /**
   * The cloud runtime Deployment and Service of joint inference: {@code cloud-<md>}. A prefix, not
   * a suffix: a suffix such as {@code <md>-cloud} is also the Service of a ModelDeployment named
   * {@code <md>-cloud} and the Deployment of {@code <md>} on a node named {@code cloud}.
   */
  public static String cloudRuntime(String modelDeployment) {
    return dnsLabel(CLOUD_PREFIX + modelDeployment);
  }

  /**
   * Whether a ModelDeployment of this name could own an edge runtime named like a cloud runtime:
   * its name (as a DNS label) is {@code cloud} or starts with {@code cloud-}. Every other name
   * keeps its Service and Deployments apart from every cloud runtime, whatever the node names.
   */
  public static boolean collidesWithCloudRuntimes(String modelDeployment) {
    String label = dnsLabel(modelDeployment) + "-";
    return label.startsWith(CLOUD_PREFIX);
  }

  /** The training Job of one model version: {@code <md>-train-<version>}. */
  public static String trainingJob(String modelDeployment, String version) {
    return dnsLabel(modelDeployment + "-train-" + version);
  }

  /** The compression Job of one model version: {@code <md>-compress-<version>}. */
  public static String compressionJob(String modelDeployment, String version) {
    return dnsLabel(modelDeployment + "-compress-" + version);
  }

  /**
   * The training Job of a ModelDeployment's current version and training spec: a changed spec
   * (after a failure, say) gets a new Job.
   */
  public static String trainingJob(ModelDeployment md) {
    return trainingJob(
        md.getMetadata().getName(),
        md.getSpec().getModel().getVersion()
            + "-"
            + hash(Serialization.asJson(md.getSpec().getTraining())).substring(0, 6));
  }

  /**
   * The compression Job of a ModelDeployment's current version, compression spec and input: a
   * changed method or accuracy limit gets a new Job.
   */
  public static String compressionJob(ModelDeployment md) {
    String inputs =
        Serialization.asJson(md.getSpec().getCompression())
            + md.getSpec().getModel().getUri()
            + (md.getSpec().getTraining() == null ? "" : md.getSpec().getTraining().getOutputUri());
    return compressionJob(
        md.getMetadata().getName(),
        md.getSpec().getModel().getVersion() + "-" + hash(inputs).substring(0, 6));
  }

  /**
   * A DNS-1123 label made from the text: lowercase, characters other than letters, digits and '-'
   * turned into '-', at most 63 characters (cut and suffixed with a hash when longer).
   */
  public static String dnsLabel(String text) {
    String cleaned = trimDashes(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
    if (cleaned.length() <= MAX_LENGTH) {
      return cleaned;
    }
    String prefix = trimDashes(cleaned.substring(0, MAX_LENGTH - HASH_LENGTH - 1));
    return prefix + "-" + hash(text);
  }

  /**
   * A label value of at most 63 characters: the text when it fits, else its cut start and a hash.
   */
  public static String labelValue(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    String prefix =
        text.substring(0, MAX_LENGTH - HASH_LENGTH - 1).replaceAll("[^A-Za-z0-9]+$", "");
    return prefix + "-" + hash(text);
  }

  private static String trimDashes(String name) {
    return name.replaceAll("^-+", "").replaceAll("-+$", "");
  }

  private static String hash(String text) {
    return Sha256.hex(text).substring(0, HASH_LENGTH);
  }
}
