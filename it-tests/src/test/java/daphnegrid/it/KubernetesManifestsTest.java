package daphnegrid.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The structure of deploy/k8s, checked without a cluster: every document parses and names its
 * apiVersion, kind and name; kustomization.yaml lists files that exist; the StatefulSet's pods are
 * selected by its selector and by the headless Service it names; the worker binds the pod's IP on
 * the Service's port, reads the worker config from the mounted ConfigMap and takes no peers; the
 * example Job's DISTRIBUTED_WORKERS names exactly the StatefulSet's pods.
 */
class KubernetesManifestsTest {
  private static final Path DIR = ProjectPaths.root().resolve("deploy/k8s");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        JsonNode d = it.next();
        if (d != null && !d.isNull() && !d.isEmpty()) {
          docs.add(d);
        }
      }
    }
    return docs;
  }

  /** Every resource of the kustomization, by "Kind/name". */
  private static Map<String, JsonNode> resources() throws IOException {
    JsonNode k = documents(DIR.resolve("kustomization.yaml")).get(0);
    Map<String, JsonNode> all = new HashMap<>();
    for (JsonNode r : k.get("resources")) {
      Path file = DIR.resolve(r.asText());
      assertTrue(Files.isRegularFile(file), "kustomization resource " + file);
      for (JsonNode d : documents(file)) {
        String id = d.path("kind").asText() + "/" + d.path("metadata").path("name").asText();
        assertFalse(all.containsKey(id), "defined twice: " + id);
        all.put(id, d);
      }
    }
    return all;
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> m = new HashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode e : container.path("env")) {
      m.put(e.get("name").asText(), e);
    }
    return m;
  }

  @Test
  void everyDocumentHasApiVersionKindAndName() throws IOException {
    Map<String, JsonNode> all = resources();
    assertEquals(
        List.of(
            "ConfigMap/daphne-kmeans-script",
            "Job/daphne-kmeans",
            "Service/daphne-grid",
            "StatefulSet/daphne-grid"),
        all.keySet().stream().sorted().toList());
    for (Map.Entry<String, JsonNode> e : all.entrySet()) {
      assertTrue(e.getValue().path("apiVersion").isTextual(), e.getKey() + " apiVersion");
    }
    JsonNode k = documents(DIR.resolve("kustomization.yaml")).get(0);
    assertEquals("Kustomization", k.path("kind").asText());
    JsonNode generator = k.path("configMapGenerator").get(0);
    assertEquals("daphne-grid-worker-config", generator.path("name").asText());
    for (JsonNode f : generator.path("files")) {
      assertTrue(Files.isRegularFile(DIR.resolve(f.asText())), "generated from " + f.asText());
    }
  }

  @Test
  void theStatefulSetsWorkersAreTheHeadlessServicesPods() throws IOException {
    Map<String, JsonNode> all = resources();
    JsonNode svc = all.get("Service/daphne-grid");
    JsonNode sts = all.get("StatefulSet/daphne-grid");
    assertEquals("None", svc.path("spec").path("clusterIP").asText(), "headless");
    assertTrue(svc.path("spec").path("publishNotReadyAddresses").asBoolean());
    assertEquals("daphne-grid", sts.path("spec").path("serviceName").asText());

    Map<String, String> podLabels = labels(sts.at("/spec/template/metadata/labels"));
    Map<String, String> selector = labels(sts.at("/spec/selector/matchLabels"));
    Map<String, String> svcSelector = labels(svc.at("/spec/selector"));
    assertFalse(selector.isEmpty());
    assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "selector " + selector);
    assertTrue(podLabels.entrySet().containsAll(svcSelector.entrySet()), "service " + svcSelector);

    JsonNode pod = sts.at("/spec/template/spec");
    JsonNode worker = pod.path("containers").get(0);
    int port = svc.at("/spec/ports/0/port").asInt();
    assertEquals(5701, port);
    assertEquals(port, worker.at("/ports/0/containerPort").asInt());
    assertEquals(worker.at("/ports/0/name").asText(), svc.at("/spec/ports/0/targetPort").asText());
    // the worker binds exactly the pod's IP on that port
    assertEquals(List.of("$(POD_IP):" + port), List.of(worker.at("/args/0").asText()));
    Map<String, JsonNode> env = env(worker);
    assertEquals("status.podIP", env.get("POD_IP").at("/valueFrom/fieldRef/fieldPath").asText());
    assertEquals(
        "metadata.namespace",
        env.get("POD_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText());
    assertTrue(
        env.get("DAPHNE_WORKER_JVM_ARGS")
            .path("value")
            .asText()
            .contains("-Ddaphne.k8s.namespace=$(POD_NAMESPACE)"));
    assertFalse(env.containsKey("DISTRIBUTED_WORKERS"), "the Kubernetes join takes no peers");
    assertFalse(worker.path("args").toString().contains("--peers"));

    // the worker config is the generated ConfigMap's file, mounted where the env points
    String config = env.get("DAPHNE_WORKER_CONFIG").path("value").asText();
    JsonNode mount = worker.at("/volumeMounts/0");
    assertEquals(mount.path("mountPath").asText() + "/hazelcast-worker.yaml", config);
    JsonNode volume = pod.at("/volumes/0");
    assertEquals(mount.path("name").asText(), volume.path("name").asText());
    assertEquals("daphne-grid-worker-config", volume.at("/configMap/name").asText());
    assertTrue(pod.path("terminationGracePeriodSeconds").asInt() >= 60, "time to leave");

    // the DNS name the members look up is this Service's
    JsonNode kubernetes =
        documents(DIR.resolve("hazelcast-worker.yaml"))
            .get(0)
            .at("/hazelcast/network/join/kubernetes");
    assertTrue(kubernetes.path("enabled").asBoolean());
    assertTrue(
        kubernetes.path("service-dns").asText().startsWith(svc.at("/metadata/name").asText() + "."),
        kubernetes.toString());
    assertEquals(port, kubernetes.path("service-port").asInt());
  }

  @Test
  void theJobNamesExactlyTheStatefulSetsPods() throws IOException {
    Map<String, JsonNode> all = resources();
    JsonNode sts = all.get("StatefulSet/daphne-grid");
    int replicas = sts.at("/spec/replicas").asInt();
    String expected =
        IntStream.range(0, replicas)
            .mapToObj(i -> "daphne-grid-" + i + ".daphne-grid:5701")
            .collect(Collectors.joining(","));
    JsonNode pod = all.get("Job/daphne-kmeans").at("/spec/template/spec");
    List<JsonNode> containers = new ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    assertEquals(2, containers.size());
    for (JsonNode c : containers) {
      assertEquals(expected, env(c).get("DISTRIBUTED_WORKERS").path("value").asText());
    }
    JsonNode daphne = pod.path("containers").get(0);
    assertEquals("/opt/daphne-grid/bin/daphne", daphne.at("/command/0").asText());
    assertEquals("--distributed", daphne.at("/args/0").asText());
    String script = daphne.at("/args/1").asText();
    JsonNode mount = daphne.at("/volumeMounts/0");
    assertTrue(script.startsWith(mount.path("mountPath").asText() + "/"), script);
    JsonNode scripts = all.get("ConfigMap/daphne-kmeans-script").path("data");
    Iterator<String> names = scripts.fieldNames();
    assertEquals(script.substring(script.lastIndexOf('/') + 1), names.next());
    assertEquals("daphne-kmeans-script", pod.at("/volumes/0/configMap/name").asText());
  }
}
