package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Tunes Jackson for tensor payloads: fast float parsing and writing. */
@Singleton
public class JsonSetup implements ObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
    mapper.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
  }
}
