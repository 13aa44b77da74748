package dev.edgewise.operator;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/**
 * Turns on leader election through a Lease when {@code edgewise.leader-election.enabled} is set
 * (the Helm chart sets it above one replica), so only one replica reconciles at a time.
 */
@ApplicationScoped
public class LeaderElectionCustomizer implements ConfigurationServiceCustomizer {
  private final OperatorSettings settings;

  public LeaderElectionCustomizer(OperatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public Consumer<ConfigurationServiceOverrider> overrider() {
    return overrider -> {
      if (settings.leaderElection().enabled()) {
        overrider.withLeaderElectionConfiguration(
            new LeaderElectionConfiguration(
                settings.leaderElection().leaseName(),
                null,
                settings.leaderElection().identity().orElse(null)));
      }
    };
  }
}
