package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.Tensor;
import dev.edgewise.runtime.oip.InferenceRequest;
import dev.edgewise.runtime.oip.JsonRequestReader;
import dev.edgewise.runtime.oip.ResponseWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The OIP v2 bodies of a call to the cloud: the hard rows of every input, each in its own datatype,
 * as one inference request; and the cloud's answer read back, refusing anything that does not give
 * every edge output (by name, or by position for a single output) in the edge's datatype with one
 * row per row sent.
 */
public final class CloudCodec {

  /** Creates the codec. */
  public CloudCodec() {}

  /** The request body for {@code inputs} (the hard rows), with {@code id} when not null. */
  public byte[] request(List<Tensor> inputs, String id) {
    return ResponseWriter.request(id, inputs);
  }

  /**
   * The cloud's outputs, aligned with {@code edge} (the edge's outputs of the whole request), for a
   * request of {@code rows} rows.
   *
   * @throws IOException when the body is not an OIP response with those outputs
   */
  public List<Tensor> response(byte[] body, int rows, List<Tensor> edge) throws IOException {
    List<InferenceRequest.InputTensor> outputs = JsonRequestReader.readOutputs(body);
    if (outputs == null || outputs.isEmpty()) {
      throw new IOException("the cloud's answer has no outputs");
    }
    List<Tensor> aligned = new ArrayList<>(edge.size());
    for (Tensor e : edge) {
      InferenceRequest.InputTensor out =
          edge.size() == 1 && outputs.size() == 1
              ? outputs.get(0)
              : outputs.stream()
                  .filter(o -> e.name().equals(o.name()))
                  .findFirst()
                  .orElseThrow(
                      () -> new IOException("the cloud's answer has no output '" + e.name() + "'"));
      if (Datatype.find(out.datatype()) != e.datatype()) {
        throw new IOException(
            "the cloud answered output '"
                + e.name()
                + "' as "
                + out.datatype()
                + ", expected "
                + e.datatype());
      }
      long[] expected = e.shape().clone();
      expected[0] = rows;
      if (!Arrays.equals(out.shape(), expected)) {
        throw new IOException(
            "the cloud answered shape "
                + Arrays.toString(out.shape())
                + " for output '"
                + e.name()
                + "', expected "
                + Arrays.toString(expected));
      }
      if (out.data() == null || out.data().count() != Tensor.elements(expected)) {
        throw new IOException(
            "the cloud's output '"
                + e.name()
                + "' of shape "
                + Arrays.toString(expected)
                + " has "
                + (out.data() == null ? 0 : out.data().count())
                + " values");
      }
      aligned.add(new Tensor(e.name(), e.datatype(), expected, out.data().bytes()));
    }
    return aligned;
  }
}
