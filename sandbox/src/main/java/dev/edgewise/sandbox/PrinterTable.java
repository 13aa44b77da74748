package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders custom resources as a {@code meta.k8s.io/v1} Table from their CRD's printer columns, as
 * kube-apiserver does for {@code kubectl get}.
 */
final class PrinterTable {
  private static final Configuration JSON_PATH =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider())
          .options(Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST)
          .build();

  private final ObjectMapper mapper;
  private final List<CustomResourceColumnDefinition> columns;

  PrinterTable(ObjectMapper mapper, List<CustomResourceColumnDefinition> columns) {
    this.mapper = mapper;
    this.columns = columns;
  }

  /** Converts one resource or a list (anything with {@code items}) into a Table. */
  ObjectNode render(JsonNode resourceOrList, Instant now) {
    ObjectNode table = mapper.createObjectNode();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.set("metadata", resourceOrList.path("metadata").deepCopy());
    ArrayNode definitions = table.putArray("columnDefinitions");
    definitions.addObject().put("name", "Name").put("type", "string").put("format", "name");
    for (CustomResourceColumnDefinition column : columns) {
      definitions
          .addObject()
          .put("name", column.getName())
          .put("type", column.getType())
          .put("priority", column.getPriority() == null ? 0 : column.getPriority());
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (resourceOrList.has("items")) {
      resourceOrList.path("items").forEach(items::add);
    } else {
      items.add(resourceOrList);
    }
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asText());
      for (CustomResourceColumnDefinition column : columns) {
        cells.add(cell(item, column, now));
      }
      ObjectNode partial = row.putObject("object");
      partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", item.path("metadata").deepCopy());
    }
    return table;
  }

  private JsonNode cell(JsonNode item, CustomResourceColumnDefinition column, Instant now) {
    JsonNode found = JsonPath.using(JSON_PATH).parse(item).read("$" + column.getJsonPath());
    if (!(found instanceof ArrayNode values) || values.isEmpty() || values.get(0).isNull()) {
      return mapper.nullNode();
    }
    JsonNode value = values.get(0);
    if ("date".equals(column.getType())) {
      return mapper.getNodeFactory().textNode(age(value.asText(), now));
    }
    return value;
  }

  /** Formats a timestamp as kubectl's age column does: 45s, 12m, 3h, 2d. */
  static String age(String timestamp, Instant now) {
    try {
      Duration age = Duration.between(Instant.parse(timestamp), now);
      if (age.toSeconds() < 120) {
        return Math.max(0, age.toSeconds()) + "s";
      }
      if (age.toMinutes() < 120) {
        return age.toMinutes() + "m";
      }
      if (age.toHours() < 48) {
        return age.toHours() + "h";
      }
      return age.toDays() + "d";
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }
}
