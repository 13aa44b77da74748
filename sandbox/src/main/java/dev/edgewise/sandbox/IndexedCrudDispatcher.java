package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.Value;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The fabric8 CRUD dispatcher with an index by resource plural, namespace and name. The mock server
 * keeps every object in one map and answers each get, list, create, update and patch by testing
 * every stored object against the request (a linear scan of each object's labels, too): with 5,000
 * nodes and thousands of pods, that scan took most of the sandbox's CPU. Here a get looks its
 * object up by name, a list tests only the objects of its plural, and the index is kept in step in
 * {@link #processEvent}, the one place every write of the mock server goes through, which also
 * tells the watches ({@link SandboxWatch}, served from the index). Deletes and discovery still go
 * to the mock server itself.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
  private static final String NAMESPACE = KubernetesAttributesExtractor.NAMESPACE;
  private static final String NAME = KubernetesAttributesExtractor.NAME;

  /** Plural, then {@code namespace/name}, to the stored object's attributes and JSON. */
  private final Map<String, Map<String, Map.Entry<AttributeSet, String>>> byPlural =
      new HashMap<>();

  /** Per plural, how many of its stored objects have a namespace. */
  private final Map<String, Integer> namespacedByPlural = new HashMap<>();

  private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
  private final Set<SandboxWatch> watches = new CopyOnWriteArraySet<>();
  private final KubernetesAttributesExtractor extractor;
  private final AtomicLong resourceVersion;
  private final ObjectMapper jsonMapper = Serialization.jsonMapper();
  private final EventFields eventFields = new EventFields(jsonMapper);

  IndexedCrudDispatcher() {
    super(List.of());
    this.extractor = (KubernetesAttributesExtractor) attributeExtractor;
    this.resourceVersion = resourceVersionCounter();
  }

  @Override
  public MockResponse handleGet(String path) {
    AttributeSet query = extractor.fromPath(path);
    String plural = value(query, PLURAL);
    if (plural == null || isWatch(path)) {
      return super.handleGet(path);
    }
    List<String> items = new ArrayList<>();
    indexLock.readLock().lock();
    try {
      for (Map.Entry<AttributeSet, String> entry : candidates(plural, query)) {
        if (entry.getKey().matches(query)) {
          items.add(entry.getValue());
        }
      }
    } finally {
      indexLock.readLock().unlock();
    }
    if (value(query, NAME) != null) {
      return items.isEmpty()
          ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
          : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
    }
    if (items.isEmpty()) {
      // An empty list may be an API metadata request, which the mock server answers itself.
      return super.handleGet(path);
    }
    return new MockResponse()
        .setResponseCode(HttpURLConnection.HTTP_OK)
        .setBody(listOf(items, String.valueOf(resourceVersion.get())));
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
    String plural = value(attributes, PLURAL);
    if (plural == null) {
      return super.findResource(attributes);
    }
    indexLock.readLock().lock();
    try {
      for (Map.Entry<AttributeSet, String> entry : candidates(plural, attributes)) {
        if (entry.getKey().matches(attributes)) {
          return entry;
        }
      }
      return null;
    } finally {
      indexLock.readLock().unlock();
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    indexLock.writeLock().lock();
    try {
      String existing = oldAttributes == null ? null : stored(oldAttributes);
      super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
      if (oldAttributes != null) {
        remove(oldAttributes);
      }
      AttributeSet stored = null;
      if (newState != null) {
        stored = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
        if (value(stored, PLURAL) == null) {
          stored = AttributeSet.merge(pathAttributes, stored);
        }
        if ("events".equals(value(stored, PLURAL))) {
          stored = eventFields.addTo(stored, newState);
        }
        put(stored, newState);
      }
      if (!Objects.equals(existing, newState)) {
        tellWatches(oldAttributes, existing, stored, newState);
      }
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  /**
   * Watches are the sandbox's own ({@link SandboxWatch}): the query as the mock server builds it,
   * with the name of a {@code metadata.name} field selector.
   */
  @Override
  public MockResponse handleWatch(String path) {
    AttributeSet query = extractor.fromPath(path);
    String name = watchedName(path);
    AttributeSet watched = name == null ? query : query.add(new Attribute(NAME, name));
    return new MockResponse()
        .withWebSocketUpgrade(
            new SandboxWatch(watched, watches, watch -> openWatch(watch, watched)));
  }

  /**
   * Registers an opened watch and sends it what already exists, under the index lock, so that each
   * change is either in what it is sent now or told to it afterwards.
   */
  private void openWatch(SandboxWatch watch, AttributeSet query) {
    indexLock.readLock().lock();
    try {
      watches.add(watch);
      String plural = value(query, PLURAL);
      Iterable<Map.Entry<AttributeSet, String>> entries =
          plural == null
              ? byPlural.values().stream().flatMap(b -> b.values().stream()).toList()
              : candidates(plural, query);
      for (Map.Entry<AttributeSet, String> entry : entries) {
        if (watch.matches(entry.getKey())) {
          watch.send("ADDED", entry.getValue());
        }
      }
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /** What the mock server tells watches of a change: an object entering, leaving or changing. */
  private void tellWatches(
      AttributeSet oldAttributes, String existing, AttributeSet newAttributes, String newState) {
    for (SandboxWatch watch : watches) {
      boolean matchesOld = existing != null && watch.matches(oldAttributes);
      boolean matchesNew = newState != null && watch.matches(newAttributes);
      if (matchesOld && matchesNew) {
        watch.send("MODIFIED", newState);
      } else if (matchesOld) {
        watch.send("DELETED", existing);
      } else if (matchesNew) {
        watch.send("ADDED", newState);
      }
    }
  }

  /**
   * A list of {@code items} as kube-apiserver writes it, typed by its items ({@code EventList} of
   * {@code v1}): the mock server's lists are all {@code v1 List}, which Go clients decoding into a
   * typed list refuse ({@code kubectl describe} then found no events).
   */
  private String listOf(List<String> items, String listResourceVersion) {
    JsonNode first = readTree(items.get(0));
    return "{\"apiVersion\":"
        + jsonMapper.valueToTree(first.path("apiVersion").asText("v1"))
        + ",\"kind\":"
        + jsonMapper.valueToTree(first.path("kind").asText("") + "List")
        + ",\"metadata\":{\"resourceVersion\":\""
        + listResourceVersion
        + "\"},\"items\":["
        + String.join(",", items)
        + "]}";
  }

  private JsonNode readTree(String json) {
    try {
      return jsonMapper.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored object that is not JSON", e);
    }
  }

  /** The stored JSON of the object with these attributes, if the index holds it. */
  private String stored(AttributeSet attributes) {
    Map.Entry<AttributeSet, String> entry =
        byPlural.getOrDefault(value(attributes, PLURAL), Map.of()).get(key(attributes));
    return entry == null ? null : entry.getValue();
  }

  /** The name a watch's {@code fieldSelector=metadata.name=...} selects, if any. */
  private static String watchedName(String path) {
    int start = path.indexOf('?');
    if (start < 0) {
      return null;
    }
    String name = null;
    for (String parameter : path.substring(start + 1).split("&")) {
      String decoded = URLDecoder.decode(parameter, StandardCharsets.UTF_8);
      if (decoded.startsWith("fieldSelector=metadata.name=")) {
        name = decoded.substring("fieldSelector=metadata.name=".length());
      }
    }
    return name;
  }

  /**
   * The entries a query can match: one by name when it names one, else its plural's. A view of the
   * index: iterate it only under the index lock.
   */
  private Iterable<Map.Entry<AttributeSet, String>> candidates(String plural, AttributeSet query) {
    Map<String, Map.Entry<AttributeSet, String>> bucket = byPlural.getOrDefault(plural, Map.of());
    String name = value(query, NAME);
    String namespace = value(query, NAMESPACE);
    if (name != null) {
      Map.Entry<AttributeSet, String> named = bucket.get(key(namespace, name));
      if (named != null) {
        return List.of(named);
      }
      if (namespace != null || namespacedByPlural.getOrDefault(plural, 0) == 0) {
        // Not stored: a namespaced query names its key exactly, and a name without a namespace
        // can only match another key when some object of the plural has a namespace. (Without
        // this, creating 5,000 cluster-scoped nodes tested each against all the nodes before it.)
        return List.of();
      }
    }
    return bucket.values();
  }

  private void put(AttributeSet attributes, String json) {
    String plural = value(attributes, PLURAL);
    Map.Entry<AttributeSet, String> previous =
        byPlural
            .computeIfAbsent(plural, p -> new LinkedHashMap<>())
            .put(key(attributes), new AbstractMap.SimpleImmutableEntry<>(attributes, json));
    if (previous == null) {
      countNamespaced(plural, attributes, 1);
    }
  }

  private void remove(AttributeSet attributes) {
    String plural = value(attributes, PLURAL);
    Map<String, Map.Entry<AttributeSet, String>> bucket = byPlural.get(plural);
    if (bucket != null && bucket.remove(key(attributes)) != null) {
      countNamespaced(plural, attributes, -1);
    }
  }

  private void countNamespaced(String plural, AttributeSet attributes, int change) {
    if (value(attributes, NAMESPACE) != null) {
      namespacedByPlural.merge(plural, change, Integer::sum);
    }
  }

  private static String key(AttributeSet attributes) {
    return key(value(attributes, NAMESPACE), value(attributes, NAME));
  }

  private static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  private static String value(AttributeSet attributes, String key) {
    Attribute attribute = attributes.getAttribute(key);
    if (attribute == null || attribute.getValues().size() != 1) {
      return null;
    }
    Value value = attribute.getValues().get(0);
    return value.toString();
  }

  private static boolean isWatch(String path) {
    int query = path.indexOf('?');
    return query >= 0 && path.substring(query).contains("watch=true");
  }

  /**
   * The mock server's resource-version counter, read for list responses. It is private in {@link
   * KubernetesCrudDispatcher} and only offered as increment-and-get, which a read must not do.
   */
  private AtomicLong resourceVersionCounter() {
    try {
      Field field = KubernetesCrudDispatcher.class.getDeclaredField("resourceVersion");
      field.setAccessible(true);
      return (AtomicLong) field.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this fabric8 mock server has no resourceVersion counter to read; the sandbox's index"
              + " needs one",
          e);
    }
  }
}
