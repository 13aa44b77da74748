package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample Argo CD Applications point at folders that exist in this repository, and the chart
 * Application's values pass the chart's schema.
 */
class ArgoCdApplicationsTest {

  private static final Path ARGOCD = Chart.root().resolve("config/samples/argocd");

  @TempDir Path work;

  @Test
  void chartApplicationInstallsTheChartWithValuesTheSchemaAccepts() throws Exception {
    Map<String, Object> app = Chart.readYaml(ARGOCD.resolve("application-chart.yaml"));

    assertApplication(app);
    assertThat(Yaml.str(app, "spec.source.path")).isEqualTo("charts/edgewise");
    assertThat(Chart.root().resolve("charts/edgewise/Chart.yaml")).isRegularFile();
    assertThat(Yaml.str(app, "spec.source.helm.releaseName")).isEqualTo("edgewise");

    String values =
        new ObjectMapper(new YAMLFactory())
            .writeValueAsString(Yaml.map(app, "spec.source.helm.valuesObject"));
    assertThatCode(() -> Chart.render(work, values)).doesNotThrowAnyException();
  }

  @Test
  void samplesApplicationSyncsTheSamplesFolderButNotItsArgocdSubfolder() {
    Map<String, Object> app = Chart.readYaml(ARGOCD.resolve("application-samples.yaml"));

    assertApplication(app);
    assertThat(Yaml.str(app, "spec.source.path")).isEqualTo("config/samples");
    assertThat(Files.isDirectory(Chart.root().resolve("config/samples"))).isTrue();
    assertThat(Yaml.at(app, "spec.source.directory.recurse")).isEqualTo(false);
    String chartWave =
        (String)
            Yaml.map(
                    Chart.readYaml(ARGOCD.resolve("application-chart.yaml")),
                    "metadata.annotations")
                .get("argocd.argoproj.io/sync-wave");
    String samplesWave =
        (String) Yaml.map(app, "metadata.annotations").get("argocd.argoproj.io/sync-wave");
    assertThat(Integer.parseInt(samplesWave))
        .as("samples sync after the chart")
        .isGreaterThan(Integer.parseInt(chartWave));
  }

  private static void assertApplication(Map<String, Object> app) {
    assertThat(app).containsEntry("apiVersion", "argoproj.io/v1alpha1");
    assertThat(app).containsEntry("kind", "Application");
    assertThat(Yaml.str(app, "spec.destination.server")).isNotBlank();
    assertThat(Yaml.str(app, "spec.destination.namespace")).isNotBlank();
    assertThat(Yaml.str(app, "spec.source.repoURL")).isNotBlank();
  }
}
