package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compiles every {@code x-kubernetes-validations} rule of a resource schema with dev.cel, keyed by
 * the schema node that carries it. A rule or message expression that does not compile, or does not
 * return the right type, fails the construction with an {@link InvalidCrdException} naming the
 * rule. Transition rules (those using {@code oldSelf}) are left out: admission here sees one
 * object, never an update's old one.
 */
final class CelRuleCompiler {
  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  private final Cel cel;
  private final String source;

  CelRuleCompiler(String source) {
    this.source = source;
    CelOptions options =
        CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(100_000)
            .build();
    this.cel =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addCompilerLibraries(CelExtensions.strings())
            .addRuntimeLibraries(CelExtensions.strings())
            .build();
  }

  /** The compiled rules of every schema node that has some, by node identity. */
  Map<JsonNode, List<CompiledRule>> compileAll(JsonNode resourceSchema) {
    Map<JsonNode, List<CompiledRule>> rules = new IdentityHashMap<>();
    walk(resourceSchema, FieldPaths.root(resourceSchema).path(), rules);
    return rules;
  }

  private void walk(JsonNode schema, String path, Map<JsonNode, List<CompiledRule>> rules) {
    JsonNode validations = schema.path("x-kubernetes-validations");
    if (validations.isArray() && !validations.isEmpty()) {
      List<CompiledRule> compiled = new ArrayList<>();
      for (JsonNode validation : validations) {
        String rule = validation.path("rule").asText("");
        if (rule.isBlank()) {
          throw new InvalidCrdException(
              where(path) + ": x-kubernetes-validations entry without a rule");
        }
        if (!OLD_SELF.matcher(rule).find()) {
          compiled.add(compile(validation, rule, path));
        }
      }
      rules.put(schema, compiled);
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      walk(property.getValue(), FieldPaths.property(path, property.getKey()), rules);
    }
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.get("additionalProperties"), path + "[*]", rules);
    }
    if (schema.path("items").isObject()) {
      walk(schema.get("items"), path + "[*]", rules);
    }
  }

  private CompiledRule compile(JsonNode validation, String rule, String path) {
    CelRuntime.Program program = program(rule, CelKind.BOOL, path);
    String messageExpression = validation.path("messageExpression").asText("");
    Optional<CelRuntime.Program> messageProgram =
        messageExpression.isBlank()
            ? Optional.empty()
            : Optional.of(program(messageExpression, CelKind.STRING, path));
    return new CompiledRule(
        rule,
        program,
        validation.path("message").asText(""),
        messageProgram,
        validation.path("fieldPath").asText(""),
        validation.path("reason").asText(""));
  }

  private CelRuntime.Program program(String expression, CelKind expected, String path) {
    CelValidationResult result = cel.compile(expression);
    if (result.hasError()) {
      throw new InvalidCrdException(
          where(path)
              + ": CEL expression does not compile: "
              + expression
              + "\n"
              + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      CelKind kind = ast.getResultType().kind();
      if (kind != expected && kind != CelKind.DYN) {
        throw new InvalidCrdException(
            where(path)
                + ": CEL expression must return "
                + expected.name().toLowerCase(Locale.ROOT)
                + " but returns "
                + ast.getResultType().name()
                + ": "
                + expression);
      }
      return cel.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new InvalidCrdException(
          where(path) + ": CEL expression cannot be planned: " + expression, e);
    }
  }

  private String where(String path) {
    return source + " at " + (path.isEmpty() ? "the root" : path);
  }
}
