package io.kevents.bench.apiserver;

/** Request bodies: core/v1 events shaped like a kubelet's, by default padded to about 1 KiB. */
final class Payloads {

    /** Message characters added by default: the request body is then about 1 KiB. */
    static final int DEFAULT_PADDING = 560;

    private Payloads() {
    }

    /** An event about pod {@code pod-<podIndex>} named {@code name}. */
    static String event(String namespace, String name, long podIndex) {
        return event(namespace, name, podIndex, DEFAULT_PADDING);
    }

    /** Like {@link #event(String, String, long)}, with {@code padding} characters added to the message. */
    static String event(String namespace, String name, long podIndex, int padding) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                + namespace + "\"},\"involvedObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"namespace\":\""
                + namespace + "\",\"name\":\"pod-" + podIndex + "\",\"uid\":\"uid-" + podIndex
                + "\",\"fieldPath\":\"spec.containers{app}\"},\"reason\":\"Pulling\",\"message\":\"Pulling image "
                + "\\\"registry.example.com/team/app:1.2.3\\\"" + (padding > 0 ? " " + "x".repeat(padding) : "")
                + "\",\"type\":\"Normal\",\"source\":"
                + "{\"component\":\"kubelet\",\"host\":\"node-1\"},\"firstTimestamp\":\"2026-11-26T20:00:00Z\","
                + "\"lastTimestamp\":\"2026-11-26T20:00:00Z\",\"count\":1,\"reportingComponent\":\"kubelet\","
                + "\"reportingInstance\":\"node-1\"}";
    }
}
