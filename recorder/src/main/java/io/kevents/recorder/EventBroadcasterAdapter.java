package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.recorder.adapter.ApiSelector;
import io.kevents.recorder.adapter.EventsApi;
import io.kevents.recorder.adapter.EventsApiProbe;
import io.kevents.recorder.adapter.Fabric8EventsApiProbe;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.EventSink;
import io.kevents.recorder.sink.Fabric8EventSink;
import io.kevents.recorder.sink.Fabric8LegacyEventSink;
import io.kevents.recorder.sink.LegacyEventSink;
import io.kevents.time.Clock;
import io.kevents.time.SystemClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Records through events.k8s.io/v1 when the server offers it and through core/v1 otherwise (client-go's
 * {@code EventBroadcasterAdapter}), deciding per call from an {@link ApiSelector} that re-probes after failures
 * instead of deciding once at construction. When it falls back to core/v1 it keeps the action and related object,
 * which client-go's fallback drops.
 */
public final class EventBroadcasterAdapter implements AutoCloseable {

    private final EventBroadcaster eventsV1;
    private final LegacyEventBroadcaster coreV1;
    private final ApiSelector selector;
    private final EventSink eventsV1Sink;
    private final LegacyEventSink coreV1Sink;
    private final SystemClock ownedClock;

    /**
     * @param settings shared by both pipelines; give a clock to control time in tests
     */
    public EventBroadcasterAdapter(EventSink eventsV1Sink, LegacyEventSink coreV1Sink, EventsApiProbe probe,
                                   PipelineSettings settings, SeriesOptions seriesOptions,
                                   CorrelatorOptions correlatorOptions) {
        if (settings.clock() == null) {
            ownedClock = new SystemClock("kevents-adapter-timers");
            settings = settings.withClock(ownedClock);
        } else {
            ownedClock = null;
        }
        Clock clock = settings.clock();
        this.eventsV1Sink = eventsV1Sink;
        this.coreV1Sink = coreV1Sink;
        this.eventsV1 = EventBroadcaster.create(settings, seriesOptions);
        this.coreV1 = LegacyEventBroadcaster.create(settings, correlatorOptions);
        this.selector = new ApiSelector(probe, clock);
    }

    /** An adapter writing through {@code client}, with default settings. */
    public static EventBroadcasterAdapter create(KubernetesClient client) {
        return new EventBroadcasterAdapter(new Fabric8EventSink(client), new Fabric8LegacyEventSink(client),
                new Fabric8EventsApiProbe(client), PipelineSettings.defaults(), SeriesOptions.defaults(),
                CorrelatorOptions.defaults());
    }

    /** Starts both pipelines' sink writers and asks the server which API it serves (once, on this thread). */
    public void start() {
        eventsV1.startRecordingToSink(eventsV1Sink);
        coreV1.startRecordingToSink(coreV1Sink);
        selector.probeNow();
    }

    /** The API calls are routed to now. */
    public EventsApi currentApi() {
        return selector.current();
    }

    /** A recorder reporting as {@code reportingController} through whichever API is current at each call. */
    public EventRecorder newRecorder(String reportingController) {
        EventRecorder v1 = eventsV1.newRecorder(reportingController);
        LegacyRecorder core = coreV1.newRecorderInternal(reportingController, ReportingInstance.hostname());
        return new EventRecorder() {
            @Override
            public RecordOutcome eventf(KubernetesResource regarding, KubernetesResource related, String type,
                                        String reason, String action, String noteFormat, Object... args) {
                return annotatedEventf(regarding, related, Map.of(), type, reason, action, noteFormat, args);
            }

            @Override
            public RecordOutcome annotatedEventf(KubernetesResource regarding, KubernetesResource related,
                                                 Map<String, String> annotations, String type, String reason,
                                                 String action, String noteFormat, Object... args) {
                if (selector.current() == EventsApi.EVENTS_V1) {
                    return v1.annotatedEventf(regarding, related, annotations, type, reason, action, noteFormat,
                            args);
                }
                return core.record(regarding, related, annotations, type, reason, action,
                        Note.of(noteFormat, args));
            }
        };
    }

    /** Closes both pipelines within {@code timeout} (shared) and merges what they could not deliver. */
    public CloseReport close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        selector.close();
        CloseReport v1 = eventsV1.close(timeout);
        CloseReport core = coreV1.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (ownedClock != null) {
            ownedClock.close();
        }
        List<UndeliveredEvent> undelivered = new ArrayList<>(v1.undelivered());
        undelivered.addAll(core.undelivered());
        return new CloseReport(undelivered, v1.discardedCalls() + core.discardedCalls());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
