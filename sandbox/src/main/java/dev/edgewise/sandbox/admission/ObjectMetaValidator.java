package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks {@code metadata} as kube-apiserver does for a custom resource: a name (or generateName)
 * that is a DNS-1123 subdomain, a namespace that is a DNS-1123 label, and well-formed label keys
 * and values. (A cluster-scoped kind's namespace is cleared before, as kube-apiserver does.)
 */
final class ObjectMetaValidator {
  private static final String DNS1123_SUBDOMAIN_REGEX =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_REGEX);
  private static final String DNS1123_LABEL_REGEX = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_REGEX);
  private static final String QUALIFIED_NAME_REGEX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_REGEX);
  private static final String QUALIFIED_NAME_PROBLEM =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
          + " validation is '"
          + QUALIFIED_NAME_REGEX
          + "')";
  private static final String DNS1123_SUBDOMAIN_PROBLEM =
      "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with"
          + " an alphanumeric character (e.g. 'example.com', regex used for validation is '"
          + DNS1123_SUBDOMAIN_REGEX
          + "')";
  private static final Pattern LABEL_VALUE = Pattern.compile("(" + QUALIFIED_NAME_REGEX + ")?");

  /** The metadata errors of a resource, or none. */
  List<FieldError> validate(JsonNode metadata) {
    List<FieldError> errors = new ArrayList<>();
    if (!metadata.isMissingNode() && !metadata.isObject()) {
      return errors; // the schema check reports the wrong type
    }
    if (!isTextOrAbsent(metadata, "name")
        || !isTextOrAbsent(metadata, "generateName")
        || !isTextOrAbsent(metadata, "namespace")) {
      return errors; // the schema check reports the wrong type
    }
    String name = metadata.path("name").asText("");
    String generateName = metadata.path("generateName").asText("");
    if (name.isEmpty() && generateName.isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else if (!name.isEmpty()) {
      subdomain("metadata.name", name, errors);
    } else {
      String prefix =
          generateName.endsWith("-")
              ? generateName.substring(0, generateName.length() - 1)
              : generateName;
      if (!prefix.isEmpty()) {
        subdomain("metadata.generateName", prefix, errors);
      }
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty()) {
      if (namespace.length() > 63 || !DNS1123_LABEL.matcher(namespace).matches()) {
        errors.add(
            FieldError.invalid(
                "metadata.namespace",
                namespace,
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                    + " '-', and must start and end with an alphanumeric character (e.g."
                    + " 'my-name',  or '123-abc', regex used for validation is '"
                    + DNS1123_LABEL_REGEX
                    + "')"));
      }
    }
    for (Map.Entry<String, JsonNode> label : metadata.path("labels").properties()) {
      labelKey("metadata.labels", label.getKey(), errors);
      if (!label.getValue().isTextual()) {
        continue; // the schema check reports the wrong type
      }
      String value = label.getValue().asText();
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        errors.add(
            FieldError.invalid(
                "metadata.labels",
                value,
                "a valid label must be an empty string or consist of alphanumeric characters,"
                    + " '-', '_' or '.', and must start and end with an alphanumeric character"
                    + " (at most 63 characters)"));
      }
    }
    return errors;
  }

  private static boolean isTextOrAbsent(JsonNode metadata, String field) {
    JsonNode value = metadata.path(field);
    return value.isMissingNode() || value.isTextual();
  }

  private static void subdomain(String field, String value, List<FieldError> errors) {
    if (value.length() > 253) {
      errors.add(FieldError.invalid(field, value, "must be no more than 253 characters"));
    } else if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errors.add(
          FieldError.invalid(
              field, value, "a lowercase RFC 1123 subdomain " + DNS1123_SUBDOMAIN_PROBLEM));
    }
  }

  /** A label key as apimachinery's {@code IsQualifiedName} checks it, one error per problem. */
  private static void labelKey(String field, String key, List<FieldError> errors) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      errors.add(
          FieldError.invalid(
              field,
              key,
              "a valid label key "
                  + QUALIFIED_NAME_PROBLEM
                  + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
      return;
    }
    String name = parts[parts.length - 1];
    if (parts.length == 2) {
      String prefix = parts[0];
      if (prefix.isEmpty()) {
        errors.add(FieldError.invalid(field, key, "prefix part must be non-empty"));
      } else if (prefix.length() > 253) {
        errors.add(
            FieldError.invalid(field, key, "prefix part must be no more than 253 characters"));
      } else if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        errors.add(
            FieldError.invalid(
                field,
                key,
                "prefix part a lowercase RFC 1123 subdomain " + DNS1123_SUBDOMAIN_PROBLEM));
      }
    }
    if (name.isEmpty()) {
      errors.add(FieldError.invalid(field, key, "name part must be non-empty"));
    } else if (name.length() > 63) {
      errors.add(FieldError.invalid(field, key, "name part must be no more than 63 characters"));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errors.add(FieldError.invalid(field, key, "name part " + QUALIFIED_NAME_PROBLEM));
    }
  }
}
