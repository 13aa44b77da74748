package dev.edgewise.e2e.harness;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every status a ModelDeployment had while it was watched: a step of a rollout can be over before a
 * poll would see it, a watch sees each write.
 */
public final class StatusHistory implements AutoCloseable {
  private final List<ModelDeploymentStatus> statuses = new CopyOnWriteArrayList<>();
  private final Watch watch;

  StatusHistory(Scenario scenario, String name) {
    this.watch =
        scenario
            .client()
            .resources(ModelDeployment.class)
            .inNamespace(scenario.namespace())
            .withName(name)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ModelDeployment md) {
                    if (md.getStatus() != null) {
                      statuses.add(md.getStatus());
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
  }

  /** The rollout percentages the status went through, in order, without repeats. */
  public List<Integer> rolloutPercents() {
    return statuses.stream()
        .filter(s -> s.getRollout() != null)
        .map(s -> s.getRollout().getPercent())
        .distinct()
        .toList();
  }

  /** The reasons the condition of {@code type} went through, in order, without repeats. */
  public List<String> reasons(String type) {
    return statuses.stream()
        .flatMap(s -> s.getConditions().stream())
        .filter(c -> type.equals(c.getType()))
        .map(c -> c.getReason())
        .distinct()
        .toList();
  }

  @Override
  public void close() {
    watch.close();
  }
}
