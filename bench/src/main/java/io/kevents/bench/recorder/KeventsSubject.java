package io.kevents.bench.recorder;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.PipelineSettings;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import java.time.Duration;
import java.util.function.Supplier;

/** kevents' two pipelines writing into its in-memory sink. */
final class KeventsSubject implements Subject {

    private final boolean eventsV1;
    private final int queueCapacity;

    KeventsSubject(boolean eventsV1, int queueCapacity) {
        this.eventsV1 = eventsV1;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public String name() {
        return (eventsV1 ? "kevents events.k8s.io/v1" : "kevents core/v1") + " (queue " + queueCapacity + ")";
    }

    @Override
    public Run start(Workload workload) {
        Pod[] pods = new Pod[workload.pods()];
        for (int i = 0; i < pods.length; i++) {
            pods[i] = new PodBuilder().withNewMetadata().withNamespace("default").withName("pod-" + i)
                    .withUid("uid-" + i).withResourceVersion("1").endMetadata().build();
        }
        String[] reasons = new String[workload.reasons()];
        for (int i = 0; i < reasons.length; i++) {
            reasons[i] = "Reason" + i;
        }
        InMemoryEventSink sink = new InMemoryEventSink();
        PipelineSettings settings = PipelineSettings.defaults().withQueueCapacity(queueCapacity);
        return eventsV1 ? v1(workload, pods, reasons, sink, settings) : legacy(workload, pods, reasons, sink, settings);
    }

    private static Run v1(Workload workload, Pod[] pods, String[] reasons, InMemoryEventSink sink,
                          PipelineSettings settings) {
        EventBroadcaster broadcaster = EventBroadcaster.create(settings, SeriesOptions.defaults());
        broadcaster.startRecordingToSink(sink);
        EventRecorder recorder = broadcaster.newRecorder("bench-controller", "bench-controller-1");
        return new KeventsRun(broadcaster::metrics, broadcaster::flush, () -> broadcaster.close(Duration.ofSeconds(60)),
                call -> {
                    int r = workload.reason(call);
                    String type = workload.warning(call) ? EventType.WARNING : EventType.NORMAL;
                    if (workload.fixedNote(call)) {
                        recorder.eventf(pods[workload.pod(call)], null, type, reasons[r], "Bench",
                                "fixed note for %s", reasons[r]);
                    } else {
                        recorder.eventf(pods[workload.pod(call)], null, type, reasons[r], "Bench",
                                "varying note %d", call);
                    }
                });
    }

    private static Run legacy(Workload workload, Pod[] pods, String[] reasons, InMemoryEventSink sink,
                              PipelineSettings settings) {
        LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create(settings, CorrelatorOptions.defaults());
        broadcaster.startRecordingToSink(sink);
        LegacyEventRecorder recorder = broadcaster.newRecorder(new EventSource("bench", "host-1"));
        return new KeventsRun(broadcaster::metrics, broadcaster::flush, () -> broadcaster.close(Duration.ofSeconds(60)),
                call -> {
                    int r = workload.reason(call);
                    String type = workload.warning(call) ? EventType.WARNING : EventType.NORMAL;
                    if (workload.fixedNote(call)) {
                        recorder.eventf(pods[workload.pod(call)], type, reasons[r], "fixed note for %s", reasons[r]);
                    } else {
                        recorder.eventf(pods[workload.pod(call)], type, reasons[r], "varying note %d", call);
                    }
                });
    }

    private record KeventsRun(Supplier<RecorderMetrics> metrics, java.util.function.Predicate<Duration> flush,
                              Runnable closer, java.util.function.IntConsumer caller) implements Run {
        @Override
        public void call(int call) {
            caller.accept(call);
        }

        @Override
        public void awaitProcessed(long calls, Duration timeout) {
            if (!flush.test(timeout)) {
                throw new IllegalStateException("pipeline did not flush within " + timeout);
            }
        }

        @Override
        public void close() {
            closer.run();
        }

        @Override
        public long writes() {
            return metrics.get().snapshot().writes();
        }

        @Override
        public long drops() {
            RecorderMetrics.Snapshot s = metrics.get().snapshot();
            return s.dropped(DropReason.QUEUE_FULL) + s.dropped(DropReason.SHUTDOWN) + s.dropped(DropReason.INVALID);
        }
    }
}
