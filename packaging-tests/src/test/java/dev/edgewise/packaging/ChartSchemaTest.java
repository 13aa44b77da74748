package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json: Helm refuses wrong types and unknown keys before rendering anything. */
class ChartSchemaTest {

  @TempDir Path work;

  @Test
  void acceptsEveryDocumentedKeyWithItsType() {
    String values =
        """
        global: {}
        image: {repository: registry.example/edgewise-operator, tag: "1.2.3", pullPolicy: Always}
        imagePullSecrets: [{name: regcred}]
        runtime:
          image: {repository: registry.example/edgewise-edge-runtime, tag: "1.2.3", pullPolicy: Never}
          resources: {requests: {cpu: 0.5, memory: 1Gi}, limits: {cpu: "4", memory: 2Gi}}
        replicas: 3
        watchNamespaces: [team-a]
        serviceAccount: {create: true, name: edgewise-op, annotations: {a: b}}
        rbac: {create: true, aggregateToDefaultRoles: false}
        logLevel: DEBUG
        resources: {requests: {cpu: 250m, memory: 300Mi}, limits: {cpu: 2, memory: 1Gi}}
        extraEnv: [{name: QUARKUS_LOG_LEVEL, value: WARN}]
        podAnnotations: {a: b}
        podLabels: {team: ml}
        nodeSelector: {kubernetes.io/os: linux}
        tolerations: [{key: dedicated, operator: Exists}]
        affinity: {}
        priorityClassName: system-cluster-critical
        metrics:
          service: {enabled: true, port: 9090}
          serviceMonitor: {enabled: true, interval: 1m, scrapeTimeout: 15s, labels: {release: prom}}
        """;

    assertThatCode(() -> Chart.render(work, values)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          replicas is a string             | 'replicas: "two"'                             | replicas
          replicas is negative             | 'replicas: -1'                                | replicas
          watchNamespaces is a string      | 'watchNamespaces: team-a'                     | watchNamespaces
          namespace is not a DNS label     | 'watchNamespaces: [Team_A]'                   | watchNamespaces
          rbac.create is a string          | 'rbac: {create: "yes"}'                       | create
          pullPolicy is not an enum value  | 'image: {pullPolicy: Sometimes}'              | pullPolicy
          memory is not a quantity         | 'resources: {limits: {memory: lots}}'         | memory
          runtime cpu is not a quantity    | 'runtime: {resources: {requests: {cpu: fast}}}'| cpu
          metrics port is out of range     | 'metrics: {service: {port: 70000}}'           | port
          scrape interval is not duration  | 'metrics: {serviceMonitor: {interval: often}}'| interval
          """)
  void rejectsWrongTypes(String what, String values, String key) {
    assertThatThrownBy(() -> Chart.render(work, values))
        .as(what)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(key);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          misspelt top-level key           | 'replica: 2'                                  | replica
          unknown nested key               | 'metrics: {serviceMonitor: {enable: true}}'   | enable
          unknown image key                | 'image: {tags: latest}'                       | tags
          unknown runtime key              | 'runtime: {imageTag: latest}'                 | imageTag
          unknown runtime resource         | 'runtime: {resources: {requests: {gpu: 1}}}'  | gpu
          """)
  void rejectsUnknownKeys(String what, String values, String key) {
    assertThatThrownBy(() -> Chart.render(work, values))
        .as(what)
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(key);
  }
}
