package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns one JSON-schema validation message into the field error kube-apiserver reports for the same
 * problem, with its path, error type, value and wording (for example {@code spec.training.gpus in
 * body should be greater than or equal to 1}), as the real API server's answers in the end-to-end
 * differential test show them.
 */
final class SchemaErrorTranslator {
  private final JsonNode resourceSchema;

  SchemaErrorTranslator(JsonNode resourceSchema) {
    this.resourceSchema = resourceSchema;
  }

  FieldError translate(ValidationMessage message) {
    FieldPaths.Located at = FieldPaths.locate(resourceSchema, message.getInstanceLocation());
    JsonNode schema = at.schema();
    JsonNode instance = message.getInstanceNode();
    Object value = JsonValues.scalar(instance);
    String path = at.path();
    return switch (message.getType()) {
      case "additionalProperties" ->
          FieldError.unknownField(at.child(message.getProperty()).path());
      case "required" -> FieldError.required(at.child(message.getProperty()).path(), "");
      case "type", "union_type" -> {
        String actual = JsonValues.typeName(instance);
        yield new FieldError(
            path,
            ErrorType.TYPE_INVALID,
            actual,
            inBody(
                path, "must be of type " + expectedType(schema) + ": " + GoValues.quote(actual)));
      }
      case "enum" ->
          new FieldError(
              path,
              ErrorType.NOT_SUPPORTED,
              value,
              "supported values: "
                  + StreamSupport.stream(schema.path("enum").spliterator(), false)
                      .map(v -> GoValues.render(JsonValues.scalar(v)))
                      .collect(Collectors.joining(", ")));
      case "minimum" ->
          FieldError.invalid(
              path,
              value,
              inBody(
                  path,
                  (schema.path("exclusiveMinimum").asBoolean(false)
                          ? "should be greater than "
                          : "should be greater than or equal to ")
                      + GoValues.number(schema.path("minimum").asDouble())));
      case "maximum" ->
          FieldError.invalid(
              path,
              value,
              inBody(
                  path,
                  (schema.path("exclusiveMaximum").asBoolean(false)
                          ? "should be less than "
                          : "should be less than or equal to ")
                      + GoValues.number(schema.path("maximum").asDouble())));
      case "multipleOf" ->
          FieldError.invalid(
              path,
              value,
              inBody(
                  path,
                  "should be a multiple of "
                      + GoValues.number(schema.path("multipleOf").asDouble())));
      case "pattern" ->
          FieldError.invalid(
              path, value, inBody(path, "should match '" + schema.path("pattern").asText() + "'"));
      case "minLength" ->
          FieldError.invalid(
              path,
              value,
              inBody(
                  path, "should be at least " + schema.path("minLength").asInt() + " chars long"));
      case "maxLength" ->
          new FieldError(
              path,
              ErrorType.TOO_LONG,
              value,
              "may not be more than " + schema.path("maxLength").asInt() + " bytes");
      case "minItems" ->
          FieldError.invalid(
              path,
              (long) instance.size(),
              inBody(path, "should have at least " + schema.path("minItems").asInt() + " items"));
      case "maxItems" ->
          new FieldError(
              path,
              ErrorType.TOO_MANY,
              (long) instance.size(),
              "must have at most " + schema.path("maxItems").asInt() + " items");
      case "minProperties" ->
          FieldError.invalid(
              path,
              (long) instance.size(),
              inBody(
                  path,
                  "should have at least " + schema.path("minProperties").asInt() + " properties"));
      case "maxProperties" ->
          new FieldError(
              path,
              ErrorType.TOO_MANY,
              (long) instance.size(),
              "must have at most " + schema.path("maxProperties").asInt() + " properties");
      case "uniqueItems" -> new FieldError(path, ErrorType.DUPLICATE, value, "");
      default -> FieldError.invalid(path, value, stripLocation(message));
    };
  }

  /**
   * The OpenAPI validator's wording, which kube-apiserver keeps for these errors: the path, "in
   * body", then the problem ({@code spec.placement.replicas in body should be greater than or equal
   * to 0}).
   */
  private static String inBody(String path, String problem) {
    return path + " in body " + problem;
  }

  private static String expectedType(JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return "integer,string";
    }
    return schema.path("type").asText("object");
  }

  /** The library's message without the instance location it starts with. */
  private static String stripLocation(ValidationMessage message) {
    String text = message.getMessage();
    String location = message.getInstanceLocation().toString();
    if (text.startsWith(location + ": ")) {
      return text.substring(location.length() + 2);
    }
    return text;
  }
}
