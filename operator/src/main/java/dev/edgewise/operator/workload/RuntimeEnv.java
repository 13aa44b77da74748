package dev.edgewise.operator.workload;

/** Environment variable names the edge runtime and the training Job read. */
public final class RuntimeEnv {
  public static final String MODEL_NAME = "EDGEWISE_MODEL_NAME";
  public static final String MODEL_VERSION = "EDGEWISE_MODEL_VERSION";
  public static final String MODEL_URI = "EDGEWISE_MODEL_URI";
  public static final String MODEL_SHA256 = "EDGEWISE_MODEL_SHA256";
  public static final String MODEL_FORMAT = "EDGEWISE_MODEL_FORMAT";
  public static final String CACHE_DIR = "EDGEWISE_MODEL_CACHE_DIR";
  public static final String OUTPUT_URI = "EDGEWISE_OUTPUT_URI";
  public static final String OUTPUT_PATH = "EDGEWISE_OUTPUT_PATH";

  private RuntimeEnv() {}
}
