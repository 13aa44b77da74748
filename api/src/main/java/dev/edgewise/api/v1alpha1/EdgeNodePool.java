package dev.edgewise.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A named set of cloud or edge nodes and how Edgewise treats them. Cluster-scoped, like the nodes
 * it groups and like OpenYurt's NodePool, so ModelDeployments in any namespace can target it.
 */
@Group(EdgeNodePool.GROUP)
@Version(EdgeNodePool.VERSION)
@ShortNames({"enp", "nodepool"})
@AdditionalPrinterColumn(
    name = "Platform",
    jsonPath = ".spec.edgePlatform",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.nodes.ready",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Total",
    jsonPath = ".status.nodes.total",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Latency-P50",
    jsonPath = ".status.latency.medianMs",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Status",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EdgeNodePool extends CustomResource<EdgeNodePoolSpec, EdgeNodePoolStatus> {
  public static final String GROUP = "edgewise.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected EdgeNodePoolStatus initStatus() {
    return new EdgeNodePoolStatus();
  }
}
