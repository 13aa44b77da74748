package dev.edgewise.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes core/v1 Events about Edgewise resources, as {@code kubectl describe} shows them. A
 * repeated event (same object, reason and message) bumps the count of the existing one.
 */
@ApplicationScoped
public class EventRecorder {
  public static final String COMPONENT = "edgewise-operator";
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String namespace =
        about.getMetadata().getNamespace() == null ? "default" : about.getMetadata().getNamespace();
    String name = eventName(about, reason, message);
    Instant now = clock.instant();
    try {
      // Create first: most events are new, and one call instead of a get and a create halves the
      // API requests of a reconcile round (make scale); a repeat conflicts and bumps the count.
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(namespace)
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(about.getApiVersion())
                          .withKind(about.getKind())
                          .withName(about.getMetadata().getName())
                          .withNamespace(about.getMetadata().getNamespace())
                          .withUid(about.getMetadata().getUid())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withCount(1)
                  .withFirstTimestamp(now.toString())
                  .withLastTimestamp(now.toString())
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        bumpCount(namespace, name, now);
        return;
      }
      // An event is best effort: failing to write one must not fail the reconciliation.
      LOG.warnf(
          "could not record event %s on %s: %s",
          reason, about.getMetadata().getName(), e.getMessage());
    }
  }

  private void bumpCount(String namespace, String name, Instant now) {
    try {
      Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
      if (existing != null) {
        existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
        existing.setLastTimestamp(now.toString());
        client.v1().events().inNamespace(namespace).resource(existing).update();
      }
    } catch (KubernetesClientException e) {
      LOG.warnf("could not update event %s: %s", name, e.getMessage());
    }
  }

  private static String eventName(HasMetadata about, String reason, String message) {
    String key = about.getMetadata().getUid() + "/" + reason + "/" + message;
    String hash =
        UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
            .toString()
            .replace("-", "")
            .substring(0, 16);
    return about.getMetadata().getName() + "." + hash;
  }
}
