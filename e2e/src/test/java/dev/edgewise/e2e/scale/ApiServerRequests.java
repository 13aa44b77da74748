package dev.edgewise.e2e.scale;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request counters of a kube-apiserver's {@code /metrics} at one moment: {@code
 * apiserver_request_total} summed by verb and resource (with its subresource and the count of
 * answers other than 2xx), and {@code apiserver_flowcontrol_dispatched_requests_total} by flow
 * schema, which tells the clients apart: the operator's ServiceAccount is the only client in {@code
 * service-accounts} (the controller manager's controllers are {@code kube-system-service-accounts},
 * the scheduler {@code kube-scheduler}, KWOK and the admin {@code exempt}).
 */
record ApiServerRequests(
    Map<String, RequestCounts> byVerbAndResource, Map<String, Long> byFlowSchema) {
  private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)} ([0-9.e+E]+)$");
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

  /** Parses the Prometheus text of {@code /metrics}. */
  static ApiServerRequests parse(String metrics) {
    Map<String, RequestCounts> requests = new TreeMap<>();
    Map<String, Long> flows = new TreeMap<>();
    Matcher m = SAMPLE.matcher(metrics);
    while (m.find()) {
      String name = m.group(1);
      if (!name.equals("apiserver_request_total")
          && !name.equals("apiserver_flowcontrol_dispatched_requests_total")) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      long value = (long) Double.parseDouble(m.group(3));
      if (name.equals("apiserver_request_total")) {
        String resource = labels.getOrDefault("resource", "");
        String sub = labels.getOrDefault("subresource", "");
        String key =
            labels.getOrDefault("verb", "") + " " + resource + (sub.isEmpty() ? "" : "/" + sub);
        requests
            .computeIfAbsent(key, k -> new RequestCounts())
            .add(labels.getOrDefault("code", ""), value);
      } else {
        flows.merge(labels.getOrDefault("flow_schema", "?"), value, Long::sum);
      }
    }
    return new ApiServerRequests(requests, flows);
  }

  /** What was counted from {@code before} to this snapshot; rows that did not move left out. */
  ApiServerRequests since(ApiServerRequests before) {
    Map<String, RequestCounts> requests = new TreeMap<>();
    byVerbAndResource.forEach(
        (key, counts) -> {
          RequestCounts delta =
              counts.minus(before.byVerbAndResource.getOrDefault(key, new RequestCounts()));
          if (delta.total() > 0) {
            requests.put(key, delta);
          }
        });
    Map<String, Long> flows = new TreeMap<>();
    byFlowSchema.forEach(
        (key, count) -> {
          long delta = count - before.byFlowSchema.getOrDefault(key, 0L);
          if (delta > 0) {
            flows.put(key, delta);
          }
        });
    return new ApiServerRequests(requests, flows);
  }

  long total() {
    return byVerbAndResource.values().stream().mapToLong(RequestCounts::total).sum();
  }
}
