package io.kevents.bench.storage;

import io.kevents.storage.Attributes;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Realistic core/v1 events for storage benchmarks: the key the API server would use, a JSON value padded to the
 * requested size with a realistic message, and the attributes the API server indexes for {@code kubectl describe}.
 *
 * <p>Every pod gets {@value #EVENTS_PER_POD} events (scheduled, pulling, pulled, started), as a pod start does, so
 * an attribute lookup by the pod's uid finds a handful of events among many.
 */
final class EventFixture {

    static final int EVENTS_PER_POD = 4;
    private static final String[] REASONS = {"Scheduled", "Pulling", "Pulled", "Started"};
    private static final String FILLER = ("Successfully pulled image registry.example.com/team/web:1.4.2 in 1.234s"
            + " (1.234s including waiting). Image size: 52428800 bytes. ").repeat(200);

    private final int valueSize;
    private final String runId;
    private final String namespacePrefix;

    EventFixture(int valueSize) {
        this(valueSize, "ns-");
    }

    /** Events in namespaces named {@code namespacePrefix} plus a number. */
    EventFixture(int valueSize, String namespacePrefix) {
        this.valueSize = valueSize;
        this.namespacePrefix = namespacePrefix;
        // Distinct names per run, so that a store reused across runs never sees AlreadyExists.
        this.runId = Long.toHexString(System.nanoTime() & 0xffffffffL);
    }

    /** One event: number {@code i} of the run. */
    Event event(long i) {
        long pod = i / EVENTS_PER_POD;
        String namespace = namespacePrefix + (pod % 20);
        String podName = "web-" + runId + "-" + pod;
        String uid = new UUID(0x6b6576656e747300L ^ runId.hashCode(), pod).toString();
        String reason = REASONS[(int) (i % EVENTS_PER_POD)];
        String name = podName + "." + Long.toHexString(i * 0x9E3779B97F4A7C15L);
        String key = "/registry/events/" + namespace + "/" + name;
        StringBuilder json = new StringBuilder(valueSize + 64);
        json.append("{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"").append(name)
                .append("\",\"namespace\":\"").append(namespace).append("\",\"uid\":\"")
                .append(new UUID(i, pod)).append("\",\"creationTimestamp\":\"2021-09-15T11:13:20Z\"},")
                .append("\"involvedObject\":{\"kind\":\"Pod\",\"namespace\":\"").append(namespace)
                .append("\",\"name\":\"").append(podName).append("\",\"uid\":\"").append(uid)
                .append("\",\"apiVersion\":\"v1\",\"resourceVersion\":\"").append(1000 + pod)
                .append("\",\"fieldPath\":\"spec.containers{web}\"},\"reason\":\"").append(reason)
                .append("\",\"source\":{\"component\":\"kubelet\",\"host\":\"node-").append(pod % 100)
                .append("\"},\"firstTimestamp\":\"2021-09-15T11:13:20Z\",\"lastTimestamp\":\"2021-09-15T11:13:20Z\",")
                .append("\"count\":1,\"type\":\"Normal\",\"eventTime\":null,\"reportingComponent\":\"\",")
                .append("\"reportingInstance\":\"\",\"message\":\"");
        int room = valueSize - 3 - json.length();
        if (room > 0) {
            // Realistic text, cheaply: a slice of a long kubelet-style message that varies with the event.
            int from = (int) (i % 97);
            json.append(FILLER, from, from + Math.min(room, FILLER.length() - from));
        }
        json.append("\"}");
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        Attributes attributes = attributesOf(pod, uid, podName, namespace);
        return new Event(key, value, attributes, uid);
    }

    /** The events of one pod share their attributes: build them once per pod (per thread). */
    private final ThreadLocal<Object[]> lastPod = ThreadLocal.withInitial(() -> new Object[] {-1L, null});

    private Attributes attributesOf(long pod, String uid, String podName, String namespace) {
        Object[] last = lastPod.get();
        if ((long) last[0] != pod) {
            last[0] = pod;
            last[1] = Attributes.of(
                    "involvedObject.uid", uid,
                    "involvedObject.name", podName,
                    "involvedObject.kind", "Pod",
                    "involvedObject.namespace", namespace);
        }
        return (Attributes) last[1];
    }

    /** The involved object's uid of event {@code i}. */
    String uidOf(long i) {
        return new UUID(0x6b6576656e747300L ^ runId.hashCode(), i / EVENTS_PER_POD).toString();
    }

    record Event(String key, byte[] value, Attributes attributes, String uid) {
    }
}
