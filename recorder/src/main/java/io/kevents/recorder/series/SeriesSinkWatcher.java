package io.kevents.recorder.series;

import io.kevents.recorder.EventNameGenerator;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.EventSink;
import io.kevents.recorder.watcher.SinkWatcher;
import io.kevents.recorder.writer.SinkWriter;
import io.kevents.recorder.writer.WriterOptions;
import io.kevents.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The watcher that writes events.k8s.io/v1 events to a sink, folding repetitions into series as Kubernetes'
 * {@code tools/events} broadcaster does: the first occurrence creates the event, the second patches
 * {@code series.count: 2}, later ones only count locally until the {@link SeriesUpdatePolicy} says to write; an
 * idle series gets its final count written after {@link SeriesOptions#finishAfter()} and is forgotten; open series
 * are re-written every {@link SeriesOptions#refreshEvery()} to keep them alive on the server.
 *
 * <p>Writes go through a {@link SinkWriter}, one per series at a time, so the recording and watcher threads never
 * wait for the sink.
 */
public final class SeriesSinkWatcher implements SinkWatcher {

    private final Object lock = new Object();
    private final Map<IsomorphicKey, Series> cache = new HashMap<>();
    private final EventNameGenerator names = new EventNameGenerator();
    private final EventSink sink;
    private final SinkWriter<Series> writer;
    private final Clock clock;
    private final RecorderMetrics metrics;
    private final SeriesOptions options;
    private final SeriesUpdatePolicy policy;
    private Clock.Timer refreshTimer;
    private Clock.Timer finishTimer;
    private boolean closed;

    /**
     * @param name names the writer threads
     */
    public SeriesSinkWatcher(String name, EventSink sink, Clock clock, RecorderMetrics metrics, SeriesOptions options,
                             WriterOptions writerOptions) {
        this.sink = sink;
        this.writer = new SinkWriter<>(name, writerOptions.workers(), clock, writerOptions.retryPolicy(),
                metrics);
        this.clock = clock;
        this.metrics = metrics;
        this.options = options;
        this.policy = new SeriesUpdatePolicy(options);
    }

    /** Starts the writer and the periodic refresh and finish loops. */
    @Override
    public void start() {
        writer.start();
        synchronized (lock) {
            refreshTimer = clock.schedule(options.refreshEvery(), this::refresh);
            finishTimer = clock.schedule(options.finishAfter(), this::finish);
        }
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
                observe(event, nowNanos);
            }
        }
    }

    /** Series currently remembered (open series and recent single events). */
    public int cachedSeries() {
        synchronized (lock) {
            return cache.size();
        }
    }

    /**
     * Stops the loops, writes every series whose count is not yet on the server, and waits for the writes for
     * up to {@code timeout}.
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
            closed = true;
            cancel(refreshTimer);
            cancel(finishTimer);
            for (Series series : cache.values()) {
                cancel(series.timer);
                series.timer = null;
                if (series.count > series.writtenCount) {
                    writer.enqueue(series);
                }
            }
        }
        return writer.close(timeout);
    }

    private void observe(RecordedEvent event, long nowNanos) {
        IsomorphicKey key = IsomorphicKey.of(event);
        Series series = cache.get(key);
        if (series == null) {
            series = new Series(event, names, lock, sink, clock, metrics);
            cache.put(key, series);
            writer.enqueue(series);
            return;
        }
        series.count++;
        series.lastObserved = event.time();
        scheduleWrite(series, nowNanos);
    }

    /** Enqueues the series now, or sets its timer for when the policy wants it written. Holds the lock. */
    private void scheduleWrite(Series series, long nowNanos) {
        long due = policy.nextWriteAt(series.count, series.writtenCount, series.lastWriteNanos, nowNanos);
        if (due <= nowNanos) {
            writer.enqueue(series);
        } else if (due != SeriesUpdatePolicy.ONLY_PERIODIC && !closed
                && (series.timer == null || due < series.timerDueNanos)) {
            // The count may have just doubled, making the write due sooner than an existing staleness timer.
            cancel(series.timer);
            series.timerDueNanos = due;
            series.timer = clock.schedule(Duration.ofNanos(due - nowNanos), () -> onTimer(series));
        }
    }

    private void onTimer(Series series) {
        synchronized (lock) {
            series.timer = null;
            if (!closed) {
                scheduleWrite(series, clock.nanoTime());
            }
        }
    }

    /** Re-writes every open series (client-go's refreshExistingEventSeries), refreshing its TTL on the server. */
    private void refresh() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (Series series : cache.values()) {
                if (series.count >= 2) {
                    series.refreshDue = true;
                    writer.enqueue(series);
                }
            }
            refreshTimer = clock.schedule(options.refreshEvery(), this::refresh);
        }
    }

    /**
     * Forgets series idle for {@link SeriesOptions#finishAfter()} after writing their final count, and single
     * events older than that (client-go's finishSeries).
     */
    private void finish() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Instant threshold = clock.now().minus(options.finishAfter());
            for (Iterator<Series> it = cache.values().iterator(); it.hasNext(); ) {
                Series series = it.next();
                if (!series.lastObserved.isBefore(threshold)) {
                    continue;
                }
                cancel(series.timer);
                series.timer = null;
                if (series.count > series.writtenCount) {
                    writer.enqueue(series);
                }
                it.remove();
            }
            finishTimer = clock.schedule(options.finishAfter(), this::finish);
        }
    }

    private static void cancel(Clock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
