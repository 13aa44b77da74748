package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks in {@code config/argocd/health/}, run with LuaJ the way Argo CD runs
 * them (a global {@code obj}, a returned table with {@code status} and {@code message}), against
 * sample statuses for each outcome; and the argocd-cm snippet carries exactly these scripts.
 */
class ArgoCdHealthCheckTest {

  private static final Path HEALTH = Chart.root().resolve("config/argocd/health");

  /** What a health script answered. */
  record Health(String status, String message) {}

  static Stream<Arguments> modelDeployments() {
    return Stream.of(
        Arguments.of(
            "Ready at the current generation",
            """
            metadata: {name: digits, generation: 3}
            status:
              observedGeneration: 3
              phase: Ready
              conditions:
                - {type: Ready, status: "True", reason: Serving, message: "4/4 placements serve v2"}
                - {type: RolledOut, status: "True", reason: Complete}
            """,
            "Healthy",
            "4/4 placements serve v2"),
        Arguments.of(
            "no status yet",
            "metadata: {name: digits, generation: 1}",
            "Progressing",
            "Waiting for the Edgewise operator"),
        Arguments.of(
            "observedGeneration lags behind a spec change",
            """
            metadata: {name: digits, generation: 4}
            status:
              observedGeneration: 3
              phase: Ready
              conditions: [{type: Ready, status: "True", reason: Serving}]
            """,
            "Progressing",
            "observe generation 4"),
        Arguments.of(
            "observedGeneration missing",
            """
            metadata: {name: digits, generation: 1}
            status:
              phase: Pending
              conditions: [{type: Ready, status: "True"}]
            """,
            "Progressing",
            "observe generation 1"),
        Arguments.of(
            "Ready condition missing",
            """
            metadata: {name: digits, generation: 1}
            status: {observedGeneration: 1, phase: Pending, conditions: []}
            """,
            "Progressing",
            "Waiting for the Ready condition"),
        Arguments.of(
            "Ready Unknown",
            """
            metadata: {name: digits, generation: 1}
            status:
              observedGeneration: 1
              conditions: [{type: Ready, status: Unknown, message: "Placing on pool factory-floor"}]
            """,
            "Progressing",
            "Placing on pool factory-floor"),
        Arguments.of(
            "canary rollout while the old version serves",
            """
            metadata: {name: digits, generation: 5}
            status:
              observedGeneration: 5
              phase: RollingOut
              conditions:
                - {type: Ready, status: "True", message: "v1 serves"}
                - {type: RolledOut, status: "False", reason: InProgress, message: "canary step 2/3: 50% on v2"}
            """,
            "Progressing",
            "canary step 2/3"),
        Arguments.of(
            "training before the first version serves",
            """
            metadata: {name: digits, generation: 1}
            status:
              observedGeneration: 1
              phase: Training
              conditions: [{type: Ready, status: "False", reason: Training, message: "epoch 3/10"}]
            """,
            "Progressing",
            "Training: epoch 3/10"),
        Arguments.of(
            "Ready False after a failure",
            """
            metadata: {name: digits, generation: 2}
            status:
              observedGeneration: 2
              phase: Failed
              conditions:
                - {type: Ready, status: "False", reason: CompressionRefused, message: "Int8 loses 4.1% accuracy, limit 1%"}
            """,
            "Degraded",
            "Int8 loses 4.1% accuracy, limit 1%"),
        Arguments.of(
            "Degraded condition wins over Ready",
            """
            metadata: {name: digits, generation: 2}
            status:
              observedGeneration: 2
              phase: Degraded
              conditions:
                - {type: Ready, status: "True", message: "serving"}
                - {type: Degraded, status: "True", reason: NodesDisconnected, message: "2 of 5 edge nodes disconnected"}
            """,
            "Degraded",
            "2 of 5 edge nodes disconnected"),
        Arguments.of(
            "Ready False without a phase",
            """
            metadata: {name: digits, generation: 1}
            status:
              observedGeneration: 1
              conditions: [{type: Ready, status: "False", message: "no pool matches"}]
            """,
            "Degraded",
            "no pool matches"));
  }

  static Stream<Arguments> edgeNodePools() {
    return Stream.of(
        Arguments.of(
            "Ready at the current generation",
            """
            metadata: {name: factory-floor, generation: 2}
            status:
              observedGeneration: 2
              conditions: [{type: Ready, status: "True", message: "12/12 nodes ready"}]
            """,
            "Healthy",
            "12/12 nodes ready"),
        Arguments.of(
            "no status yet",
            "metadata: {name: factory-floor, generation: 1}",
            "Progressing",
            "Waiting"),
        Arguments.of(
            "observedGeneration lags",
            """
            metadata: {name: factory-floor, generation: 3}
            status:
              observedGeneration: 2
              conditions: [{type: Ready, status: "True"}]
            """,
            "Progressing",
            "observe generation 3"),
        Arguments.of(
            "Ready Unknown",
            """
            metadata: {name: factory-floor, generation: 1}
            status: {observedGeneration: 1, conditions: [{type: Ready, status: Unknown}]}
            """,
            "Progressing",
            "Waiting for the Ready condition"),
        Arguments.of(
            "Ready False",
            """
            metadata: {name: factory-floor, generation: 1}
            status:
              observedGeneration: 1
              conditions: [{type: Ready, status: "False", reason: NoNodes, message: "no node matches the selector"}]
            """,
            "Degraded",
            "no node matches the selector"),
        Arguments.of(
            "Degraded True",
            """
            metadata: {name: factory-floor, generation: 1}
            status:
              observedGeneration: 1
              conditions:
                - {type: Ready, status: "True"}
                - {type: Degraded, status: "True", message: "3 nodes disconnected past the grace period"}
            """,
            "Degraded",
            "3 nodes disconnected"));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("modelDeployments")
  void modelDeploymentHealth(String what, String object, String status, String message)
      throws IOException {
    Health health = run(HEALTH.resolve("edgewise.lua"), object);

    assertThat(health.status()).as(what).isEqualTo(status);
    assertThat(health.message()).as(what).contains(message);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("edgeNodePools")
  void edgeNodePoolHealth(String what, String object, String status, String message)
      throws IOException {
    Health health = run(HEALTH.resolve("edgewise.lua"), object);

    assertThat(health.status()).as(what).isEqualTo(status);
    assertThat(health.message()).as(what).contains(message);
  }

  @Test
  void argocdCmSnippetCarriesExactlyTheseScripts() throws IOException {
    Map<String, Object> configMap =
        Chart.readYaml(Chart.root().resolve("config/argocd/argocd-cm-health.yaml"));

    assertThat(Yaml.str(configMap, "kind")).isEqualTo("ConfigMap");
    assertThat(Yaml.str(configMap, "metadata.name")).isEqualTo("argocd-cm");
    Map<String, Object> data = Yaml.map(configMap, "data");
    assertThat(data)
        .containsOnlyKeys(
            "resource.customizations.health.edgewise.dev_ModelDeployment",
            "resource.customizations.health.edgewise.dev_EdgeNodePool");
    assertThat(data.get("resource.customizations.health.edgewise.dev_ModelDeployment"))
        .as("argocd-cm-health.yaml is out of date with health/edgewise.lua: run make argocd-cm")
        .isEqualTo(Files.readString(HEALTH.resolve("edgewise.lua")));
    assertThat(data.get("resource.customizations.health.edgewise.dev_EdgeNodePool"))
        .as("argocd-cm-health.yaml is out of date with health/edgewise.lua: run make argocd-cm")
        .isEqualTo(Files.readString(HEALTH.resolve("edgewise.lua")));
  }

  /** Runs a health script with {@code obj} bound to the object, as Argo CD does. */
  static Health run(Path script, String objectYaml) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(Chart.parse(objectYaml).get(0)));
    LuaValue result =
        globals.load(Files.readString(script), script.getFileName().toString()).call();
    assertThat(result.istable()).as("%s returns a table", script).isTrue();
    return new Health(result.get("status").tojstring(), result.get("message").tojstring());
  }

  /** YAML maps become Lua tables, lists become 1-based Lua arrays, numbers stay numbers. */
  static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(k.toString(), toLua(v)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Integer i) {
      return LuaValue.valueOf(i);
    }
    if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    if (value instanceof Boolean b) {
      return LuaValue.valueOf(b);
    }
    return LuaValue.valueOf(value.toString());
  }
}
