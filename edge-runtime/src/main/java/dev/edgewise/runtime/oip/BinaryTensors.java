package dev.edgewise.runtime.oip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The OIP binary tensor data extension (as Triton speaks it): the body is a JSON inference header
 * of {@code Inference-Header-Content-Length} bytes followed by each input's raw little-endian
 * values, whose size the input names in {@code parameters.binary_data_size}. Saves the JSON number
 * parsing that dominates large requests.
 */
public final class BinaryTensors {

  /** Request header carrying the length of the JSON part. */
  public static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  private BinaryTensors() {}

  /** Splits the body and returns the request with each input's data filled from the binary part. */
  public static InferenceRequest decode(byte[] body, Integer headerLength) {
    if (headerLength == null) {
      throw OipException.badRequest(
          "a binary request needs the " + HEADER_LENGTH + " header (length of its JSON part)");
    }
    if (headerLength < 0 || headerLength > body.length) {
      throw OipException.badRequest(
          HEADER_LENGTH + " is " + headerLength + " but the body has " + body.length + " bytes");
    }
    InferenceRequest header = InferenceRequestReader.read(body, 0, headerLength);
    if (header == null || header.inputs() == null) {
      return header;
    }
    int offset = headerLength;
    List<InferenceRequest.InputTensor> inputs = new java.util.ArrayList<>();
    for (InferenceRequest.InputTensor in : header.inputs()) {
      Object size = in.parameters() == null ? null : in.parameters().get("binary_data_size");
      if (size == null) {
        inputs.add(in);
        continue;
      }
      if (!(size instanceof Number n) || n.longValue() < 0) {
        throw OipException.badRequest(
            "input '" + in.name() + "' has an invalid binary_data_size: " + size);
      }
      int bytes = (int) n.longValue();
      if (offset + bytes > body.length) {
        throw OipException.badRequest(
            "input '"
                + in.name()
                + "' declares "
                + bytes
                + " binary bytes but only "
                + (body.length - offset)
                + " follow the header");
      }
      float[] values = read(in.name(), in.datatype(), body, offset, bytes);
      offset += bytes;
      inputs.add(
          new InferenceRequest.InputTensor(
              in.name(),
              in.shape(),
              in.datatype(),
              in.parameters(),
              new TensorData(values, false)));
    }
    if (offset != body.length) {
      throw OipException.badRequest(
          (body.length - offset) + " bytes after the last input's binary data");
    }
    return new InferenceRequest(header.id(), header.parameters(), inputs, header.outputs());
  }

  /** Reads little-endian values of {@code datatype} as floats. */
  static float[] read(String name, String datatype, byte[] body, int offset, int bytes) {
    int width =
        switch (datatype == null ? "" : datatype) {
          case "FP32", "INT32" -> 4;
          case "FP64", "INT64" -> 8;
          default ->
              throw OipException.badRequest(
                  "input '"
                      + name
                      + "' has unsupported datatype '"
                      + datatype
                      + "'; use FP32, FP64, INT32 or INT64");
        };
    if (bytes % width != 0) {
      throw OipException.badRequest(
          "input '" + name + "' has " + bytes + " binary bytes, not a multiple of " + width);
    }
    ByteBuffer b = ByteBuffer.wrap(body, offset, bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes / width];
    switch (datatype) {
      case "FP32" -> b.asFloatBuffer().get(out);
      case "INT32" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.getInt();
        }
      }
      case "FP64" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) b.getDouble();
        }
      }
      default -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = b.getLong();
        }
      }
    }
    return out;
  }
}
