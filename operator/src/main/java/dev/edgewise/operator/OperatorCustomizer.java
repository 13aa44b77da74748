package dev.edgewise.operator;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/**
 * The SDK settings that depend on where the operator runs, read at start-up: server-side apply of
 * the primary resources' status (off only against the sandbox's mock API server, which has none)
 * and leader election through a Lease when {@code edgewise.leader-election.enabled} is set (the
 * Helm chart sets it above one replica), so only one replica reconciles at a time.
 */
@ApplicationScoped
public class OperatorCustomizer implements ConfigurationServiceCustomizer {
  private final OperatorSettings settings;

  public OperatorCustomizer(OperatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Consumer<ConfigurationServiceOverrider> overrider() {
    return overrider -> {
      overrider.withUseSSAToPatchPrimaryResource(settings.serverSideApply());
      overrider.withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply());
      if (settings.leaderElection().enabled()) {
        overrider.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration(settings.leaderElection().leaseName()));
      }
    };
  }
}
