package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates compiled CEL rules over a (defaulted) resource: each rule runs for every value present
 * at the schema node that carries it, with {@code self} bound to that value, and a failure becomes
 * a field error at the rule's {@code fieldPath} with its {@code message} and {@code reason}.
 */
final class CelRuleEvaluator {
  private final Map<JsonNode, List<CompiledRule>> rules;

  CelRuleEvaluator(Map<JsonNode, List<CompiledRule>> rules) {
    this.rules = rules;
  }

  /** Whether the schema has no rule at all (kube-apiserver then runs no CEL step). */
  boolean isEmpty() {
    return rules.values().stream().allMatch(List::isEmpty);
  }

  /** The rule failures of {@code resource}, in schema order. */
  List<FieldError> evaluate(JsonNode resource, JsonNode resourceSchema) {
    List<FieldError> errors = new ArrayList<>();
    walk(resource, resourceSchema, "", errors);
    return errors;
  }

  private void walk(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
    if (value == null || value.isNull() || value.isMissingNode() || schema.isMissingNode()) {
      return;
    }
    List<CompiledRule> here = rules.get(schema);
    if (here != null && !here.isEmpty()) {
      Object self = CelValues.of(value, schema);
      for (CompiledRule rule : here) {
        check(rule, self, schema, path, errors);
      }
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        String name = field.getKey();
        if (properties.has(name)) {
          walk(field.getValue(), properties.get(name), FieldPaths.property(path, name), errors);
        } else if (additional.isObject()) {
          walk(field.getValue(), additional, path + "[" + name + "]", errors);
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), schema.path("items"), path + "[" + i + "]", errors);
      }
    }
  }

  private static void check(
      CompiledRule rule, Object self, JsonNode schema, String path, List<FieldError> errors) {
    String at =
        rule.fieldPath().isBlank() ? path : FieldPaths.appendJsonPath(path, rule.fieldPath());
    String type = schema.path("type").asText("object");
    Object result;
    try {
      result = rule.program().eval(Map.of("self", self));
    } catch (CelEvaluationException e) {
      errors.add(FieldError.invalid(at, type, rule.rule() + ": " + e.getMessage()));
      return;
    }
    if (Boolean.TRUE.equals(result)) {
      return;
    }
    if (!(result instanceof Boolean)) {
      errors.add(
          FieldError.invalid(at, type, rule.rule() + ": returned " + result + ", not a bool"));
      return;
    }
    String message = message(rule, self);
    errors.add(
        switch (rule.reason()) {
          case "FieldValueRequired" -> FieldError.required(at, message);
          case "FieldValueForbidden" -> FieldError.forbidden(at, message);
          case "FieldValueDuplicate" -> new FieldError(at, ErrorType.DUPLICATE, type, message);
          default -> FieldError.invalid(at, type, message);
        });
  }

  /** The rule's messageExpression result, else its message, else {@code failed rule: <rule>}. */
  private static String message(CompiledRule rule, Object self) {
    if (rule.messageExpression().isPresent()) {
      try {
        Object text = rule.messageExpression().get().eval(Map.of("self", self));
        if (text instanceof String s && !s.isBlank()) {
          return s;
        }
      } catch (CelEvaluationException e) {
        return "messageExpression failed (" + e.getMessage() + "); failed rule: " + rule.rule();
      }
    }
    return rule.message().isBlank() ? "failed rule: " + rule.rule() : rule.message();
  }
}
