package io.kevents.bench.apiserver;

/** Request bodies: core/v1 events shaped like a kubelet's, padded to about 1 KiB. */
final class Payloads {

    private static final String PADDING = "x".repeat(560);

    private Payloads() {
    }

    /** An event about pod {@code pod-<podIndex>} named {@code name}. */
    static String event(String namespace, String name, long podIndex) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                + namespace + "\"},\"involvedObject\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"namespace\":\""
                + namespace + "\",\"name\":\"pod-" + podIndex + "\",\"uid\":\"uid-" + podIndex
                + "\",\"fieldPath\":\"spec.containers{app}\"},\"reason\":\"Pulling\",\"message\":\"Pulling image "
                + "\\\"registry.example.com/team/app:1.2.3\\\" " + PADDING + "\",\"type\":\"Normal\",\"source\":"
                + "{\"component\":\"kubelet\",\"host\":\"node-1\"},\"firstTimestamp\":\"2026-11-26T20:00:00Z\","
                + "\"lastTimestamp\":\"2026-11-26T20:00:00Z\",\"count\":1,\"reportingComponent\":\"kubelet\","
                + "\"reportingInstance\":\"node-1\"}";
    }
}
