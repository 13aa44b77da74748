package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Matrix;

/** Builds OIP request bodies for tests. */
final class Json {

  private Json() {}

  /** An FP32 request body for {@code m} under input name {@code input}. */
  static String request(Matrix m) {
    return request("input", "FP32", new long[] {m.rows(), m.cols()}, values(m.data()));
  }

  /** A request body with the given parts (values already JSON). */
  static String request(String name, String datatype, long[] shape, String values) {
    StringBuilder s = new StringBuilder();
    s.append("{\"id\":\"t\",\"inputs\":[{\"name\":\"").append(name).append("\",\"shape\":[");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? "," : "").append(shape[i]);
    }
    s.append("],\"datatype\":\"").append(datatype).append("\",\"data\":").append(values);
    return s.append("}]}").toString();
  }

  /** A flat JSON array of the floats. */
  static String values(float[] data) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < data.length; i++) {
      s.append(i > 0 ? "," : "").append(data[i]);
    }
    return s.append(']').toString();
  }
}
