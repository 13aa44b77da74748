package dev.edgewise.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One model, from training through compression to compressed runtimes on chosen edge nodes, with an
 * optional full model in the cloud for hard cases.
 */
@Group(EdgeNodePool.GROUP)
@Version(EdgeNodePool.VERSION)
@ShortNames({"md", "mdep"})
@ValidationRule(
    value =
        "!has(self.metadata.name) || self.metadata.name != 'cloud' && !self.metadata.name.startsWith('cloud-')",
    message =
        "metadata.name must not be 'cloud' or start with 'cloud-': Edgewise names the cloud"
            + " runtime of joint inference 'cloud-<md>', and this ModelDeployment's own runtimes"
            + " could take such a name",
    reason = "FieldValueInvalid")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.STRING)
// Edge runtimes ready on the wanted version: `kubectl get -w` shows a canary's steps with it.
@AdditionalPrinterColumn(
    name = "Updated",
    jsonPath = ".status.replicas.updated",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".spec.model.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Serving",
    jsonPath = ".status.artifact.version",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Ratio",
    jsonPath = ".status.artifact.compressionRatio",
    type = AdditionalPrinterColumn.Type.NUMBER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ModelDeployment extends CustomResource<ModelDeploymentSpec, ModelDeploymentStatus>
    implements Namespaced {

  @Override
  protected ModelDeploymentStatus initStatus() {
    return new ModelDeploymentStatus();
  }
}
