package dev.edgewise.runtime.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** JSON output of the tools: reports go to stdout and, when asked, to a file. */
final class Output {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  static void print(Object report) throws IOException {
    System.out.println(JSON.writeValueAsString(report));
  }

  static void write(Path file, Object report) throws IOException {
    JSON.writeValue(file.toFile(), report);
  }
}
