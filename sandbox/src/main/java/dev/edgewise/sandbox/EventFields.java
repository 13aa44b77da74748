package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The fields of a core/v1 Event that kube-apiserver lets a field selector name ({@code
 * involvedObject.kind}, {@code .namespace}, {@code .name}, {@code .uid}, {@code .apiVersion},
 * {@code .fieldPath}, {@code reason}, {@code type}, {@code source}, {@code reportingComponent}), as
 * attributes of the stored event: the mock server matches a field selector {@code a.b=c} against an
 * attribute {@code a.b}, and by itself extracts only the metadata's. {@code kubectl describe} finds
 * an object's events with {@code involvedObject.*} selectors.
 */
final class EventFields {
  /** Field-selector name and the event's JSON path to it. */
  private static final List<String[]> FIELDS =
      List.of(
          new String[] {"involvedObject.kind", "/involvedObject/kind"},
          new String[] {"involvedObject.namespace", "/involvedObject/namespace"},
          new String[] {"involvedObject.name", "/involvedObject/name"},
          new String[] {"involvedObject.uid", "/involvedObject/uid"},
          new String[] {"involvedObject.apiVersion", "/involvedObject/apiVersion"},
          new String[] {"involvedObject.fieldPath", "/involvedObject/fieldPath"},
          new String[] {"reason", "/reason"},
          new String[] {"type", "/type"},
          new String[] {"source", "/source/component"},
          new String[] {"reportingComponent", "/reportingComponent"});

  private final ObjectMapper mapper;

  EventFields(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** {@code attributes} with the selectable fields of the event stored as {@code json}. */
  AttributeSet addTo(AttributeSet attributes, String json) {
    JsonNode event;
    try {
      event = mapper.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored event that is not JSON", e);
    }
    AttributeSet result = attributes;
    for (String[] field : FIELDS) {
      JsonNode value = event.at(field[1]);
      if (value.isTextual() && !value.asText().isEmpty()) {
        result = result.add(new Attribute(field[0], value.asText()));
      }
    }
    return result;
  }
}
