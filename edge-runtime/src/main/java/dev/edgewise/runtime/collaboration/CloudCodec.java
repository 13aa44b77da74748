package dev.edgewise.runtime.collaboration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.oip.TensorData;
import dev.edgewise.runtime.oip.TensorJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The OIP v2 bodies of a call to the cloud: the hard rows as one FP32 {@code [k, features]} input,
 * and the cloud's answer read back into a matrix, refusing anything that is not exactly one output
 * row per row sent.
 */
public final class CloudCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String inputName;
  private final String outputName;

  /** A codec for a model with one input and one output, named as on the edge. */
  public CloudCodec(String inputName, String outputName) {
    this.inputName = inputName;
    this.outputName = outputName;
  }

  /** The request body for {@code rows}, with {@code id} when not null. */
  public byte[] request(Matrix rows, String id) {
    long bound =
        32L
            + (id == null ? 0 : 6L * id.length())
            + TensorJson.tensorBound(inputName.length(), rows);
    byte[] out = new byte[Math.toIntExact(bound)];
    int p = TensorJson.ascii(out, 0, "{");
    if (id != null) {
      p = TensorJson.ascii(out, p, "\"id\":");
      p = TensorJson.string(out, p, id);
      p = TensorJson.ascii(out, p, ",");
    }
    p = TensorJson.ascii(out, p, "\"inputs\":[");
    p = TensorJson.tensor(out, p, inputName, rows);
    p = TensorJson.ascii(out, p, "]}");
    return Arrays.copyOf(out, p);
  }

  /**
   * The output rows in the cloud's answer to a request of {@code rows} rows.
   *
   * @throws IOException when the body is not an OIP response with one {@code [rows, n]} output
   */
  public Matrix response(byte[] body, int rows) throws IOException {
    Reply reply = JSON.readValue(body, Reply.class);
    if (reply == null || reply.outputs() == null || reply.outputs().isEmpty()) {
      throw new IOException("the cloud's answer has no outputs");
    }
    Output out =
        reply.outputs().size() == 1
            ? reply.outputs().get(0)
            : reply.outputs().stream()
                .filter(o -> outputName.equals(o.name()))
                .findFirst()
                .orElseThrow(
                    () -> new IOException("the cloud's answer has no '" + outputName + "'"));
    if (out.datatype() == null
        || !(out.datatype().equals("FP32") || out.datatype().equals("FP64"))) {
      throw new IOException("the cloud answered datatype " + out.datatype() + ", expected FP32");
    }
    long[] shape = out.shape();
    if (shape == null || shape.length != 2 || shape[0] != rows || shape[1] < 1) {
      throw new IOException(
          "the cloud answered shape " + Arrays.toString(shape) + " for " + rows + " rows");
    }
    if (out.data() == null || out.data().values().length != shape[0] * shape[1]) {
      throw new IOException(
          "the cloud's output of shape "
              + Arrays.toString(shape)
              + " has "
              + (out.data() == null ? 0 : out.data().values().length)
              + " values");
    }
    return new Matrix(out.data().values(), rows, (int) shape[1]);
  }

  /** The part of an OIP response the edge reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Reply(List<Output> outputs) {}

  /** One output tensor of the cloud's answer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Output(String name, long[] shape, String datatype, TensorData data) {}
}
