package io.kevents.recorder.sink;

/**
 * One write an {@link InMemoryEventSink} received, for tests that check the exact sequence of sink calls.
 *
 * @param operation {@code create}, {@code update} or {@code patch}
 * @param api       {@code events.k8s.io/v1} or {@code v1}
 * @param namespace the event's namespace
 * @param name      the event's name
 * @param reason    the event's reason
 * @param count     the count the call wrote: series count (v1), count (core), or 1 for a create without either
 * @param failed    whether the sink answered with an error
 */
public record SinkCall(String operation, String api, String namespace, String name, String reason, int count,
                       boolean failed) {

    /** A short form for assertions, e.g. {@code create nginx.1 count=1}. */
    public String brief() {
        return operation + " " + name + " count=" + count + (failed ? " failed" : "");
    }
}
