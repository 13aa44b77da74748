package dev.edgewise.runtime.compress;

/**
 * The manifest written next to a compressed artifact ({@code manifest.json}).
 *
 * @param method compression method
 * @param sparsity fraction of weights pruned
 * @param artifact file name of the artifact
 * @param parentDigest sha256 of the parent
 * @param digest sha256 of the artifact
 * @param bytesBefore parent size on disk
 * @param bytesAfter artifact size on disk
 * @param ratio bytesBefore / bytesAfter
 * @param accuracyBefore parent accuracy on the evaluation split
 * @param accuracyAfter artifact accuracy on the same rows
 * @param seconds time taken, compression and both evaluations
 * @param accepted whether the accuracy drop was within the limit (true when none was given)
 */
public record CompressionReport(
    CompressionMethod method,
    double sparsity,
    String artifact,
    String parentDigest,
    String digest,
    long bytesBefore,
    long bytesAfter,
    double ratio,
    double accuracyBefore,
    double accuracyAfter,
    double seconds,
    boolean accepted) {

  /** Builds the report from what the compressor wrote and the two evaluations. */
  public static CompressionReport of(
      CompressionMethod method,
      double sparsity,
      Compressor.Written written,
      double accuracyBefore,
      double accuracyAfter,
      double seconds,
      boolean accepted) {
    return new CompressionReport(
        method,
        sparsity,
        written.artifact().getFileName().toString(),
        written.parentDigest(),
        written.digest(),
        written.bytesBefore(),
        written.bytesAfter(),
        (double) written.bytesBefore() / written.bytesAfter(),
        accuracyBefore,
        accuracyAfter,
        seconds,
        accepted);
  }
}
