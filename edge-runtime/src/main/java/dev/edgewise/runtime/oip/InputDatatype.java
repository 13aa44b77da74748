package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Datatype;

/** The datatype an input of a request names, or the 400 that says which ones the runtime knows. */
final class InputDatatype {
  private InputDatatype() {}

  static Datatype of(String input, String datatype) {
    Datatype d = Datatype.find(datatype);
    if (d == null) {
      throw OipException.badRequest(
          "input '"
              + input
              + "' has unsupported datatype '"
              + datatype
              + "'; use one of "
              + Datatype.names());
    }
    return d;
  }
}
