package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a resource against its OpenAPI schema with a JSON-schema library (networknt), and reports
 * what it finds as kube-apiserver's field errors.
 */
final class SchemaCheck {
  private final JsonSchema jsonSchema;
  private final SchemaErrorTranslator translator;

  /** Compiles the JSON Schema for {@code resourceSchema} (see {@link ResourceSchema}). */
  SchemaCheck(JsonNode resourceSchema, String source) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .locale(Locale.ROOT)
            // 2.0 is an integer, as in kube-apiserver's OpenAPI type check
            .javaSemantics(true)
            .build();
    try {
      this.jsonSchema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
              .getSchema(JsonSchemaConverter.convert(resourceSchema), config);
      this.jsonSchema.initializeValidators();
    } catch (JsonSchemaException e) {
      throw new InvalidCrdException(source + ": the schema is not valid: " + e.getMessage(), e);
    }
    this.translator = new SchemaErrorTranslator(resourceSchema);
  }

  /** The field errors of {@code resource}, in the order found, without repeats. */
  List<FieldError> check(JsonNode resource) {
    Set<ValidationMessage> messages = jsonSchema.validate(resource);
    Set<FieldError> errors = new LinkedHashSet<>();
    for (ValidationMessage message : messages) {
      errors.add(translator.translate(message));
    }
    return new ArrayList<>(errors);
  }
}
