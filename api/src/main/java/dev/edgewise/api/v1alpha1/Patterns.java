package dev.edgewise.api.v1alpha1;

/** Regular expressions shared by the schema's {@code pattern} validations. */
public final class Patterns {
  /** A Go-style duration such as {@code 90s}, {@code 5m} or {@code 1h30m}. */
  public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

  /** A Kubernetes label key, with an optional DNS prefix. */
  public static final String LABEL_KEY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

  /** A model or artifact location Edgewise can fetch. */
  public static final String MODEL_URI = "^(https?|pvc|file)://[^\\s]+$";

  /** A lowercase hexadecimal SHA-256 digest. */
  public static final String SHA256 = "^[a-f0-9]{64}$";

  /** A model version: letters, digits, dots, dashes and underscores. */
  public static final String VERSION = "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$";

  /** A DNS-1123 name such as a pool name. */
  public static final String DNS_NAME =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  private Patterns() {}
}
