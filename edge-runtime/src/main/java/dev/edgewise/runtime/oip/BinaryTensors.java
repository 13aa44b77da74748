package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Datatype;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The request side of the OIP binary tensor data extension (as KServe and Triton speak it): the
 * body is a JSON inference header of {@code Inference-Header-Content-Length} bytes followed by the
 * raw little-endian values of each input whose {@code parameters.binary_data_size} gives their
 * size, in the order of the inputs. BYTES elements are a 4-byte little-endian length and the bytes.
 */
public final class BinaryTensors {

  /** Request and response header carrying the length of the JSON part. */
  public static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  private BinaryTensors() {}

  /** Splits the body and returns the request with each binary input's data filled in. */
  public static InferenceRequest decode(
      byte[] body, int bodyOffset, int bodyLength, long headerLength) {
    if (headerLength < 0 || headerLength > bodyLength) {
      throw OipException.badRequest(
          HEADER_LENGTH + " is " + headerLength + " but the body has " + bodyLength + " bytes");
    }
    InferenceRequest header = JsonRequestReader.read(body, bodyOffset, (int) headerLength);
    if (header == null || header.inputs() == null) {
      return header;
    }
    int offset = bodyOffset + (int) headerLength;
    int end = bodyOffset + bodyLength;
    List<InferenceRequest.InputTensor> inputs = new ArrayList<>();
    for (InferenceRequest.InputTensor in : header.inputs()) {
      Object size =
          in == null || in.parameters() == null
              ? null
              : in.parameters().get(TensorCodec.BINARY_DATA_SIZE);
      if (size == null) {
        inputs.add(in);
        continue;
      }
      if (!(size instanceof Number n) || n.longValue() < 0 || size instanceof Double) {
        throw OipException.badRequest(
            "input '" + in.name() + "' has an invalid binary_data_size: " + size);
      }
      if (in.data() != null) {
        throw OipException.badRequest(
            "input '" + in.name() + "' has both data and binary_data_size; send one of them");
      }
      long bytes = n.longValue();
      if (offset + bytes > end) {
        throw OipException.badRequest(
            "input '"
                + in.name()
                + "' declares "
                + bytes
                + " binary bytes but only "
                + (end - offset)
                + " follow");
      }
      TensorValues values = values(in.name(), in.datatype(), body, offset, (int) bytes);
      offset += (int) bytes;
      inputs.add(
          new InferenceRequest.InputTensor(
              in.name(), in.shape(), in.datatype(), in.parameters(), values));
    }
    if (offset != end) {
      throw OipException.badRequest(
          (end - offset)
              + " bytes follow the binary data of the inputs that declare a binary_data_size");
    }
    return new InferenceRequest(header.id(), header.parameters(), inputs, header.outputs());
  }

  /** The elements in {@code body[offset, offset + bytes)} as {@code datatype} values. */
  static TensorValues values(String name, String datatype, byte[] body, int offset, int bytes) {
    Datatype type = InputDatatype.of(name, datatype);
    ByteBuffer b = ByteBuffer.wrap(body, offset, bytes).slice().order(ByteOrder.LITTLE_ENDIAN);
    if (type == Datatype.BYTES) {
      long count = 0;
      int p = 0;
      while (p < bytes) {
        if (bytes - p < 4) {
          throw OipException.badRequest(
              "input '" + name + "' BYTES element " + count + " has a cut length prefix");
        }
        int len = b.getInt(p);
        if (len < 0 || len > bytes - p - 4) {
          throw OipException.badRequest(
              "input '" + name + "' BYTES element " + count + " claims " + len + " bytes");
        }
        p += 4 + len;
        count++;
      }
      return new TensorValues(type, b, count);
    }
    if (bytes % type.width() != 0) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' has "
              + bytes
              + " binary bytes, not a multiple of "
              + type.width()
              + " ("
              + type
              + ")");
    }
    if (type == Datatype.BOOL) {
      for (int i = 0; i < bytes; i++) {
        if (b.get(i) != 0 && b.get(i) != 1) {
          throw OipException.badRequest(
              "input '" + name + "' is BOOL but byte " + i + " is " + b.get(i) + ", not 0 or 1");
        }
      }
    }
    return new TensorValues(type, b, bytes / type.width());
  }
}
