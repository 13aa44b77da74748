package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rendered Kubernetes object reads into the fabric8 Kubernetes model without a single field
 * the model does not know: a misspelt or misplaced field in a template (which Helm and the API
 * server would silently drop, or reject at install time) fails here. The ServiceMonitor is left
 * out: its type is the Prometheus Operator's, not part of the Kubernetes model.
 */
class ChartManifestFieldsTest {

  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "replicas: 2\nwatchNamespaces: [team-a]\nmetrics: {serviceMonitor: {enabled: true}}",
        "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
            + " {nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: Exists}]}]}}}\n"
            + "tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]\n"
            + "extraEnv: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}]"
      })
  void everyRenderedFieldIsAKubernetesField(String values) throws Exception {
    Rendered rendered = Chart.render(work, values);
    List<String> unknown = new ArrayList<>();

    for (Map<String, Object> object : rendered.objects()) {
      if ("ServiceMonitor".equals(object.get("kind"))) {
        continue;
      }
      KubernetesResource typed =
          Serialization.unmarshal(Serialization.asJson(object), KubernetesResource.class);
      assertThat(typed.getClass().getName())
          .as("%s is a known Kubernetes kind", object.get("kind"))
          .startsWith("io.fabric8.kubernetes.api.model.");
      collectUnknownFields(
          typed, object.get("kind") + "/" + Yaml.str(object, "metadata.name"), unknown);
    }

    assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
  }

  /** Walks the typed object; model classes keep fields they do not know in additionalProperties. */
  private static void collectUnknownFields(Object node, String path, List<String> unknown)
      throws IllegalAccessException, InvocationTargetException {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknownFields(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        collectUnknownFields(entry.getValue(), path + "." + entry.getKey(), unknown);
      }
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value = getter.invoke(node);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          unknown.add(path + ": " + extra.keySet());
        }
      } else {
        collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
      }
    }
  }
}
