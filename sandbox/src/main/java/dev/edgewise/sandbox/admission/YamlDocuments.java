package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the documents of a YAML stream (such as a file for {@code kubectl apply -f}) as JSON trees,
 * skipping empty documents and refusing a key that appears twice in one mapping, as strict decoding
 * in kube-apiserver does.
 */
public final class YamlDocuments {
  private static final ObjectMapper MAPPER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                  .build())
          .build();

  private YamlDocuments() {}

  /** Every non-empty document of a YAML file. */
  public static List<JsonNode> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return read(reader);
    }
  }

  /** Every non-empty document of a YAML text. */
  public static List<JsonNode> parse(String yaml) throws IOException {
    return read(new StringReader(yaml));
  }

  /** Every non-empty document of a YAML stream; the stream is not closed. */
  public static List<JsonNode> read(InputStream in) throws IOException {
    try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
      return readAll(parser);
    }
  }

  private static List<JsonNode> read(Reader reader) throws IOException {
    try (JsonParser parser = MAPPER.getFactory().createParser(reader)) {
      return readAll(parser);
    }
  }

  /** One tree per document; a document that is a list stays one list. */
  private static List<JsonNode> readAll(JsonParser parser) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    while (parser.nextToken() != null) {
      JsonNode document = MAPPER.readTree(parser);
      if (document != null && !document.isNull() && !document.isMissingNode()) {
        out.add(document);
      }
    }
    return out;
  }
}
