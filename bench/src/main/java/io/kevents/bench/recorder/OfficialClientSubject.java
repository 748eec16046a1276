package io.kevents.bench.recorder;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.extended.event.EventType;
import io.kubernetes.client.extended.event.legacy.EventCorrelator;
import io.kubernetes.client.extended.event.legacy.EventRecorder;
import io.kubernetes.client.extended.event.legacy.EventSink;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.commons.lang3.tuple.MutablePair;

/**
 * The peer: the official Kubernetes Java client's legacy recorder ({@code io.kubernetes:client-java-extended}),
 * writing to a sink that only counts. Its worker runs the correlator once per event; a subclass counts those
 * calls so the harness knows when every event has been processed (the class offers no flush).
 */
final class OfficialClientSubject implements Subject {

    @Override
    public String name() {
        return "official client-java-extended 24.0.0 (legacy)";
    }

    @Override
    public Run start(Workload workload) {
        V1Pod[] pods = new V1Pod[workload.pods()];
        for (int i = 0; i < pods.length; i++) {
            pods[i] = new V1Pod().apiVersion("v1").kind("Pod").metadata(new V1ObjectMeta().namespace("default")
                    .name("pod-" + i).uid("uid-" + i).resourceVersion("1"));
        }
        String[] reasons = new String[workload.reasons()];
        for (int i = 0; i < reasons.length; i++) {
            reasons[i] = "Reason" + i;
        }
        AtomicLong correlated = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        EventCorrelator correlator = new EventCorrelator() {
            @Override
            public Optional<MutablePair<CoreV1Event, V1Patch>> correlate(CoreV1Event event) {
                correlated.incrementAndGet();
                return super.correlate(event);
            }
        };
        EventSink sink = new EventSink() {
            @Override
            public CoreV1Event create(CoreV1Event event) {
                writes.incrementAndGet();
                return event;
            }

            @Override
            public CoreV1Event update(CoreV1Event event) {
                writes.incrementAndGet();
                return event;
            }

            @Override
            public CoreV1Event patch(CoreV1Event event, V1Patch patch) {
                writes.incrementAndGet();
                return event;
            }
        };
        LegacyEventBroadcaster broadcaster = new LegacyEventBroadcaster(correlator, sink);
        broadcaster.startRecording();
        EventRecorder recorder = broadcaster.newRecorder(new V1EventSource().component("bench").host("host-1"));
        return new Run() {
            @Override
            public void call(int call) {
                int r = workload.reason(call);
                EventType type = workload.warning(call) ? EventType.Warning : EventType.Normal;
                if (workload.fixedNote(call)) {
                    recorder.event(pods[workload.pod(call)], type, reasons[r], "fixed note for %s", reasons[r]);
                } else {
                    recorder.event(pods[workload.pod(call)], type, reasons[r], "varying note %s",
                            String.valueOf(call));
                }
            }

            @Override
            public void awaitProcessed(long calls, Duration timeout) {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (correlated.get() < calls) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("official recorder processed " + correlated.get() + " of "
                                + calls + " within " + timeout);
                    }
                    LockSupport.parkNanos(100_000);
                }
            }

            @Override
            public void close() {
                broadcaster.shutdown();
            }

            @Override
            public long writes() {
                return writes.get();
            }

            @Override
            public long drops() {
                return 0; // unbounded queue: it never drops (and never bounds its memory)
            }
        };
    }
}
