package io.kevents.recorder.correlator;

import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.LegacyEventSink;
import io.kevents.recorder.watcher.SinkWatcher;
import io.kevents.recorder.writer.KeyedWorkQueue;
import io.kevents.recorder.writer.SinkWriter;
import io.kevents.recorder.writer.WriterOptions;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The watcher that writes core/v1 events to a sink through the {@link EventCorrelator} (client-go's
 * {@code tools/record} recordToSink): every allowed occurrence of an identical event becomes a patch of the
 * object's count, lastTimestamp and message. Unlike client-go, writes do not run on the watcher thread: a slow or
 * failing write holds up only its own event object, and occurrences that pile up meanwhile are coalesced into one
 * write of the latest count.
 */
public final class CorrelatingSinkWatcher implements SinkWatcher {

    private final Object lock = new Object();
    private final EventCorrelator correlator;
    private final SinkWriter<CorrelatedEvent> writer;
    private final Clock clock;
    private final RecorderMetrics metrics;

    /** @param name names the writer threads */
    public CorrelatingSinkWatcher(String name, LegacyEventSink sink, Clock clock, RecorderMetrics metrics,
                                  CorrelatorOptions options, WriterOptions writerOptions) {
        this.correlator = new EventCorrelator(options, lock, sink, metrics);
        this.writer = new SinkWriter<>(name, writerOptions.workers(), new KeyedWorkQueue<>(clock),
                writerOptions.retryPolicy(), metrics);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Starts the writer threads. */
    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void onEvent(RecordedEvent event) {
        onEvents(List.of(event));
    }

    @Override
    public void onEvents(List<RecordedEvent> events) {
        synchronized (lock) {
            long nowNanos = clock.nanoTime();
            for (RecordedEvent event : events) {
                EventCorrelator.Correlation correlation = correlator.correlate(event, nowNanos);
                if (correlation.allowed()) {
                    writer.enqueue(correlation.event());
                } else {
                    metrics.dropped(DropReason.SPAM_FILTER);
                }
            }
        }
    }

    /**
     * Writes the final counts of remembered events (including occurrences the spam filter held back) and waits up
     * to {@code timeout} for the writes.
     *
     * @return what could not be written
     */
    @Override
    public boolean awaitSettled(Duration timeout) {
        return writer.awaitSettled(timeout);
    }

    @Override
    public List<UndeliveredEvent> close(Duration timeout) {
        synchronized (lock) {
            correlator.unwritten().forEach(writer::enqueue);
        }
        return writer.close(timeout);
    }
}
