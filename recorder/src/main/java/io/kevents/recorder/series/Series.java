package io.kevents.recorder.series;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventSeries;
import io.kevents.model.KubeTime;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.EventSink;
import io.kevents.recorder.sink.SeriesPatch;
import io.kevents.recorder.sink.SinkException;
import io.kevents.recorder.writer.PendingWrite;
import io.kevents.time.Clock;
import java.time.Instant;

/**
 * One events.k8s.io/v1 event object and its repetitions: the first occurrence (whose name, note and eventTime
 * the object keeps, as in Kubernetes), how often it has happened since, and what has been written.
 *
 * <p>Mutable state is guarded by the owning watcher's lock; writes read a snapshot under that lock and do their
 * I/O without it.
 */
final class Series implements PendingWrite {

    final RecordedEvent first;
    final String name;
    private final Object lock;
    private final EventSink sink;
    private final Clock clock;
    private final RecorderMetrics metrics;

    // Guarded by lock.
    int count = 1;
    Instant lastObserved;
    int writtenCount;
    long lastWriteNanos;
    boolean created;
    Clock.Timer timer;
    long timerDueNanos;
    /** Set by the refresh loop: re-write even an unchanged count, to refresh the object's TTL. */
    boolean refreshDue;

    Series(RecordedEvent first, String name, Object lock, EventSink sink, Clock clock, RecorderMetrics metrics) {
        this.first = first;
        this.name = name;
        this.lock = lock;
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
        this.lastObserved = first.time();
    }

    /**
     * Writes the latest state: a create (with the series if it already repeated), or a patch of the series that
     * falls back to a create when the object has expired on the server.
     */
    @Override
    public void writeLatest() throws SinkException {
        int countNow;
        Instant lastNow;
        boolean createdNow;
        synchronized (lock) {
            countNow = count;
            lastNow = lastObserved;
            createdNow = created;
            if (created && count <= writtenCount && !refreshDue) {
                return; // a write that was asked for while the previous one was in flight, which carried it
            }
            refreshDue = false;
        }
        Event event = first.toEventsV1(name);
        if (countNow >= 2) {
            event.setSeries(new EventSeries(countNow, new MicroTime(KubeTime.formatMicroTime(lastNow))));
        }
        if (!createdNow) {
            create(event, countNow, lastNow);
        } else if (countNow >= 2) {
            patchOrCreate(event, countNow, lastNow);
        }
        synchronized (lock) {
            created = true;
            writtenCount = Math.max(writtenCount, countNow);
            lastWriteNanos = clock.nanoTime();
        }
    }

    private void create(Event event, int countNow, Instant lastNow) throws SinkException {
        if (first.note().wasTruncated()) {
            metrics.truncated();
        }
        try {
            sink.create(event);
            metrics.created();
        } catch (SinkException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
            // Our own earlier attempt reached the server although we saw it fail (a timeout, say): the object is
            // ours, so bring its series up to date instead of losing the count.
            if (countNow >= 2) {
                patchOrCreate(event, countNow, lastNow);
            }
        }
    }

    private void patchOrCreate(Event event, int countNow, Instant lastNow) throws SinkException {
        try {
            sink.patch(event, new SeriesPatch(countNow, lastNow));
            metrics.patched();
        } catch (SinkException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            // The server's TTL removed it while the series went on: create it again, series included.
            event.getMetadata().setResourceVersion(null);
            sink.create(event);
            metrics.created();
        }
    }

    @Override
    public UndeliveredEvent undelivered(String why) {
        int countNow;
        synchronized (lock) {
            countNow = count;
        }
        return new UndeliveredEvent(first.namespace(), name, first.type(), first.reason(),
                first.regarding().kind() + "/" + first.regarding().name(), countNow, first.noteText(), why);
    }
}
