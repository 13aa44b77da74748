package dev.edgewise.sandbox.admission;

import dev.cel.runtime.CelRuntime;
import java.util.Optional;

/**
 * One {@code x-kubernetes-validations} entry, compiled.
 *
 * @param rule the CEL expression, as written in the CRD
 * @param program the compiled rule, returning a bool
 * @param message the fixed message, or empty
 * @param messageExpression the compiled {@code messageExpression}, returning a string, if any
 * @param fieldPath the JSONPath the failure is reported at, relative to the object, or empty
 * @param reason the reason such as {@code FieldValueRequired}, or empty for {@code
 *     FieldValueInvalid}
 */
record CompiledRule(
    String rule,
    CelRuntime.Program program,
    String message,
    Optional<CelRuntime.Program> messageExpression,
    String fieldPath,
    String reason) {}
