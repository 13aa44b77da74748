package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl reads before anything else ({@code /api}, {@code /apis}, {@code
 * /apis/<group>/<version>}), for the built-in kinds the sandbox serves and the installed CRDs.
 */
final class ApiDiscovery {
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  /** Resources per group-version; the core group is keyed {@code v1}. */
  private final Map<String, List<APIResource>> resources = new LinkedHashMap<>();

  ApiDiscovery() {
    add("v1", "namespaces", "Namespace", false, "ns");
    add("v1", "nodes", "Node", false, "no");
    addStatus("v1", "nodes", "Node", false);
    add("v1", "pods", "Pod", true, "po");
    addStatus("v1", "pods", "Pod", true);
    add("v1", "services", "Service", true, "svc");
    add("v1", "events", "Event", true, "ev");
    add("v1", "configmaps", "ConfigMap", true, "cm");
    add("v1", "serviceaccounts", "ServiceAccount", true, "sa");
    add("apps/v1", "deployments", "Deployment", true, "deploy");
    addStatus("apps/v1", "deployments", "Deployment", true);
    add("batch/v1", "jobs", "Job", true);
    addStatus("batch/v1", "jobs", "Job", true);
    add("coordination.k8s.io/v1", "leases", "Lease", true);
    add("events.k8s.io/v1", "events", "Event", true, "ev");
    add(
        "apiextensions.k8s.io/v1",
        "customresourcedefinitions",
        "CustomResourceDefinition",
        false,
        "crd",
        "crds");
  }

  /** Makes a CRD's kinds discoverable, as kube-apiserver does once a CRD is established. */
  synchronized void install(CustomResourceDefinition crd) {
    var names = crd.getSpec().getNames();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    for (var version : crd.getSpec().getVersions()) {
      String groupVersion = crd.getSpec().getGroup() + "/" + version.getName();
      List<String> shortNames = Optional.ofNullable(names.getShortNames()).orElse(List.of());
      add(
          groupVersion,
          names.getPlural(),
          names.getKind(),
          namespaced,
          shortNames.toArray(String[]::new));
      if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
        addStatus(groupVersion, names.getPlural(), names.getKind(), namespaced);
      }
    }
  }

  synchronized List<String> groupVersions() {
    return new ArrayList<>(resources.keySet());
  }

  synchronized APIVersions coreVersions() {
    return new APIVersionsBuilder().withVersions("v1").build();
  }

  synchronized APIGroupList groups() {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (String groupVersion : resources.keySet()) {
      int slash = groupVersion.indexOf('/');
      if (slash > 0) {
        versionsByGroup
            .computeIfAbsent(groupVersion.substring(0, slash), g -> new ArrayList<>())
            .add(groupVersion.substring(slash + 1));
      }
    }
    List<APIGroup> groups = new ArrayList<>();
    versionsByGroup.forEach(
        (group, versions) -> {
          var builder = new APIGroupBuilder().withName(group);
          versions.forEach(
              v ->
                  builder.addToVersions(
                      new GroupVersionForDiscoveryBuilder()
                          .withGroupVersion(group + "/" + v)
                          .withVersion(v)
                          .build()));
          builder.withPreferredVersion(
              new GroupVersionForDiscoveryBuilder()
                  .withGroupVersion(group + "/" + versions.get(0))
                  .withVersion(versions.get(0))
                  .build());
          groups.add(builder.build());
        });
    return new APIGroupListBuilder().withGroups(groups).build();
  }

  /** The resource list of a group-version ({@code v1} for the core group), if served. */
  synchronized Optional<APIResourceList> resources(String groupVersion) {
    List<APIResource> list = resources.get(groupVersion);
    if (list == null) {
      return Optional.empty();
    }
    return Optional.of(
        new APIResourceListBuilder()
            .withGroupVersion(groupVersion)
            .withResources(new ArrayList<>(list))
            .build());
  }

  private void add(
      String groupVersion, String plural, String kind, boolean namespaced, String... shortNames) {
    List<APIResource> list = resources.computeIfAbsent(groupVersion, gv -> new ArrayList<>());
    list.removeIf(r -> r.getName().equals(plural));
    list.add(
        new APIResourceBuilder()
            .withName(plural)
            .withKind(kind)
            .withNamespaced(namespaced)
            .withSingularName(kind.toLowerCase())
            .withVerbs(VERBS)
            .withShortNames(shortNames.length == 0 ? null : List.of(shortNames))
            .build());
  }

  private void addStatus(String groupVersion, String plural, String kind, boolean namespaced) {
    String name = plural + "/status";
    List<APIResource> list = resources.computeIfAbsent(groupVersion, gv -> new ArrayList<>());
    list.removeIf(r -> r.getName().equals(name));
    list.add(
        new APIResourceBuilder()
            .withName(name)
            .withKind(kind)
            .withNamespaced(namespaced)
            .withSingularName("")
            .withVerbs(SUBRESOURCE_VERBS)
            .build());
  }
}
