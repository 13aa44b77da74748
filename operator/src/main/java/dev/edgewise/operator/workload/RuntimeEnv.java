package dev.edgewise.operator.workload;

/**
 * Environment variable names the edge runtime and the training Job read. The {@code
 * EDGEWISE_COLLABORATION_*} names are a fixed contract with the edge runtime's joint inference.
 */
public final class RuntimeEnv {
  public static final String MODEL_NAME = "EDGEWISE_MODEL_NAME";
  public static final String MODEL_VERSION = "EDGEWISE_MODEL_VERSION";
  public static final String MODEL_URI = "EDGEWISE_MODEL_URI";
  public static final String MODEL_SHA256 = "EDGEWISE_MODEL_SHA256";
  public static final String MODEL_FORMAT = "EDGEWISE_MODEL_FORMAT";
  public static final String CACHE_DIR = "EDGEWISE_MODEL_CACHE_DIR";
  public static final String OUTPUT_URI = "EDGEWISE_OUTPUT_URI";
  public static final String OUTPUT_PATH = "EDGEWISE_OUTPUT_PATH";
  public static final String COLLABORATION_CLOUD_URL = "EDGEWISE_COLLABORATION_CLOUD_URL";
  public static final String COLLABORATION_CONFIDENCE_THRESHOLD =
      "EDGEWISE_COLLABORATION_CONFIDENCE_THRESHOLD";
  public static final String COLLABORATION_OFFLOAD_BUDGET_PERCENT =
      "EDGEWISE_COLLABORATION_OFFLOAD_BUDGET_PERCENT";
  public static final String COLLABORATION_CLOUD_DEADLINE_MS =
      "EDGEWISE_COLLABORATION_CLOUD_DEADLINE_MS";
  public static final String COLLABORATION_HARD_EXAMPLES_DIR =
      "EDGEWISE_COLLABORATION_HARD_EXAMPLES_DIR";
  public static final String COLLABORATION_HARD_EXAMPLES_MAX_BYTES =
      "EDGEWISE_COLLABORATION_HARD_EXAMPLES_MAX_BYTES";
  public static final String COLLABORATION_HARD_EXAMPLES_MAX_BACKUPS =
      "EDGEWISE_COLLABORATION_HARD_EXAMPLES_MAX_BACKUPS";

  private RuntimeEnv() {}
}
