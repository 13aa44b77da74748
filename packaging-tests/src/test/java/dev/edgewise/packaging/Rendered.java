package dev.edgewise.packaging;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The objects one {@code helm template} run produced, with look-ups by kind and name. */
record Rendered(List<Map<String, Object>> objects) {

  List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
  }

  /** The one object of this kind and name (in any namespace); fails if there is none or several. */
  Map<String, Object> get(String kind, String name) {
    List<Map<String, Object>> found =
        ofKind(kind).stream()
            .filter(o -> name.equals(Yaml.str(o, "metadata.name")))
            .collect(Collectors.toList());
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + kind + " named " + name + ", found " + found.size() + " in " + kinds());
    }
    return found.get(0);
  }

  /** "Kind/namespace/name" of every object, for assertions and failure messages. */
  List<String> kinds() {
    return objects.stream()
        .map(
            o ->
                o.get("kind")
                    + "/"
                    + Objects.toString(Yaml.str(o, "metadata.namespace"), "")
                    + "/"
                    + Yaml.str(o, "metadata.name"))
        .sorted()
        .collect(Collectors.toList());
  }
}
