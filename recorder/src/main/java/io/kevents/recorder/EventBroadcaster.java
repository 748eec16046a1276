package io.kevents.recorder;

import io.kevents.recorder.broadcaster.Watch;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.series.SeriesSinkWatcher;
import io.kevents.recorder.sink.EventSink;
import io.kevents.recorder.watcher.EventWatcher;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The events.k8s.io/v1 pipeline (client-go's {@code tools/events.EventBroadcaster}): recorders publish here, and
 * every watcher receives what they record. Typical use:
 * <pre>{@code
 * EventBroadcaster broadcaster = EventBroadcaster.create();
 * broadcaster.startRecordingToSink(new Fabric8EventSink(client));
 * EventRecorder recorder = broadcaster.newRecorder("my-operator");
 * ...
 * CloseReport report = broadcaster.close(Duration.ofSeconds(5)); // flushes pending writes and series counts
 * }</pre>
 */
public final class EventBroadcaster implements AutoCloseable {

    /** The {@code api} metrics tag of this pipeline. */
    public static final String API = "events.k8s.io/v1";
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Pipeline pipeline;
    private final SeriesOptions seriesOptions;

    private EventBroadcaster(PipelineSettings settings, SeriesOptions seriesOptions) {
        this.pipeline = new Pipeline("kevents-events", API, settings);
        this.seriesOptions = seriesOptions;
    }

    /** A broadcaster with default settings. */
    public static EventBroadcaster create() {
        return create(PipelineSettings.defaults(), SeriesOptions.defaults());
    }

    /** A broadcaster with the given settings. */
    public static EventBroadcaster create(PipelineSettings settings, SeriesOptions seriesOptions) {
        return new EventBroadcaster(settings, seriesOptions);
    }

    /**
     * A recorder reporting as {@code reportingController}, with reportingInstance
     * {@code <reportingController>-<hostname>}.
     *
     * @throws IllegalArgumentException if {@code reportingController} is not a qualified name
     */
    public EventRecorder newRecorder(String reportingController) {
        return newRecorder(reportingController, reportingController + "-" + ReportingInstance.hostname());
    }

    /** A recorder with an explicit reportingInstance (cut to 128 bytes if longer). */
    public EventRecorder newRecorder(String reportingController, String reportingInstance) {
        return new EventsV1Recorder(pipeline.broadcaster(), pipeline.clock(), pipeline.metrics(),
                reportingController, reportingInstance);
    }

    /** Starts writing recorded events to {@code sink}, folding repetitions into series. */
    public Watch startRecordingToSink(EventSink sink) {
        SeriesSinkWatcher watcher = new SeriesSinkWatcher(pipeline.nextName("sink-writer"), sink, pipeline.clock(),
                pipeline.metrics(), seriesOptions, pipeline.settings().writer());
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

    /**
     * Stops accepting events, delivers what is queued, writes pending writes and the final count of every open
     * series, all within {@code timeout}; returns what could not be delivered. Later calls return the same report.
     */
    public CloseReport close(Duration timeout) {
        return pipeline.close(timeout);
    }

    /** {@link #close(Duration)} with 10 seconds. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
