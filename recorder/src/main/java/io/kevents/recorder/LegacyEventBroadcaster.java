package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.EventSource;
import io.kevents.recorder.broadcaster.Watch;
import io.kevents.recorder.correlator.CorrelatingSinkWatcher;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.LegacyEventSink;
import io.kevents.recorder.watcher.EventWatcher;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The core/v1 pipeline (client-go's {@code tools/record.EventBroadcaster}): repeated events are folded by the
 * correlator into one object with a count, which is what {@code kubectl describe} shows as
 * {@code 67s (x4 over 2m57s)}.
 * <pre>{@code
 * LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create();
 * broadcaster.startRecordingToSink(new Fabric8LegacyEventSink(client));
 * LegacyEventRecorder recorder = broadcaster.newRecorder(new EventSource("kubelet", nodeName));
 * }</pre>
 */
public final class LegacyEventBroadcaster implements AutoCloseable {

    /** The {@code api} metrics tag of this pipeline. */
    public static final String API = "v1";
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Pipeline pipeline;
    private final CorrelatorOptions correlatorOptions;

    private LegacyEventBroadcaster(PipelineSettings settings, CorrelatorOptions correlatorOptions) {
        this.pipeline = new Pipeline("kevents-legacy-events", API, settings);
        this.correlatorOptions = correlatorOptions;
    }

    /** A broadcaster with default settings and client-go's correlator defaults. */
    public static LegacyEventBroadcaster create() {
        return create(PipelineSettings.defaults(), CorrelatorOptions.defaults());
    }

    /** A broadcaster with the given settings. */
    public static LegacyEventBroadcaster create(PipelineSettings settings, CorrelatorOptions correlatorOptions) {
        return new LegacyEventBroadcaster(settings, correlatorOptions);
    }

    /** A recorder reporting as {@code source} (component and host). */
    public LegacyEventRecorder newRecorder(EventSource source) {
        return newRecorderInternal(source.getComponent(), source.getHost());
    }

    /** A recorder reporting as {@code component}, with no host. */
    public LegacyEventRecorder newRecorder(String component) {
        return newRecorderInternal(component, null);
    }

    LegacyRecorder newRecorderInternal(String component, String host) {
        if (component == null || component.isEmpty()) {
            throw new IllegalArgumentException("the event source needs a component");
        }
        return new LegacyRecorder(pipeline.broadcaster(), pipeline.clock(), pipeline.metrics(), component, host);
    }

    /** Starts writing recorded events to {@code sink} through the correlator. */
    public Watch startRecordingToSink(LegacyEventSink sink) {
        CorrelatingSinkWatcher watcher = new CorrelatingSinkWatcher(pipeline.nextName("sink-writer"), sink,
                pipeline.clock(), pipeline.metrics(), correlatorOptions, pipeline.settings().writer());
        return pipeline.startSinkWatcher(watcher);
    }

    /** Starts delivering recorded events to {@code watcher} on its own thread and queue. */
    public Watch startEventWatcher(EventWatcher watcher) {
        return pipeline.startWatcher("watcher", watcher);
    }

    /** Starts logging recorded events at INFO. */
    public Watch startLogging(Logger logger) {
        return pipeline.startLogging(logger);
    }

    /**
     * Waits until every event recorded before this call has been handled by every watcher and every sink write it
     * caused has been attempted; writes waiting for a retry back-off or for a series update timer are not waited
     * for. Useful in tests and before a planned pause.
     *
     * @return {@code false} if {@code timeout} passed first
     */
    public boolean flush(Duration timeout) {
        return pipeline.flush(timeout);
    }

    /** This pipeline's counters. */
    public RecorderMetrics metrics() {
        return pipeline.metrics();
    }

    /** Stops, delivers and writes what it can within {@code timeout}; see {@link EventBroadcaster#close(Duration)}. */
    public CloseReport close(Duration timeout) {
        return pipeline.close(timeout);
    }

    /** {@link #close(Duration)} with 10 seconds. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
