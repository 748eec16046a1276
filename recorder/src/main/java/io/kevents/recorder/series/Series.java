package io.kevents.recorder.series;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventSeries;
import io.kevents.model.KubeTime;
import io.kevents.recorder.EventNameGenerator;
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
    private final Object lock;
    private final EventSink sink;
    private final Clock clock;
    private final RecorderMetrics metrics;
    private final EventNameGenerator names;

    // Guarded by lock.
    private String name;
    int count = 1;
    Instant lastObserved;
    int writtenCount;
    long lastWriteNanos;
    boolean created;
    Clock.Timer timer;
    long timerDueNanos;
    /** Set by the refresh loop: re-write even an unchanged count, to refresh the object's TTL. */
    boolean refreshDue;

    Series(RecordedEvent first, EventNameGenerator names, Object lock, EventSink sink, Clock clock,
           RecorderMetrics metrics) {
        this.first = first;
        this.names = names;
        this.lock = lock;
        this.sink = sink;
        this.clock = clock;
        this.metrics = metrics;
        this.lastObserved = first.time();
    }

    /** The object the events are about: its events are written in the order they were recorded. */
    @Override
    public Object lane() {
        return first.regarding().wholeObject();
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
        String nameNow;
        synchronized (lock) {
            if (name == null) {
                // Named at the first write, off the recording path: most objects of a storm are never written.
                name = names.next(first.regarding().name(), first.time());
            }
            nameNow = name;
            countNow = count;
            lastNow = lastObserved;
            createdNow = created;
            if (created && count <= writtenCount && !refreshDue) {
                return; // a write that was asked for while the previous one was in flight, which carried it
            }
            refreshDue = false;
        }
        Event event = first.toEventsV1(nameNow);
        if (countNow >= 2) {
            event.setSeries(new EventSeries(countNow, new MicroTime(KubeTime.formatMicroTime(lastNow))));
        }
        if (!createdNow) {
            if (first.note().wasTruncated()) {
                metrics.truncated();
            }
            create(event);
        } else if (countNow >= 2) {
            patchOrCreate(event, countNow, lastNow);
        }
        synchronized (lock) {
            created = true;
            writtenCount = Math.max(writtenCount, countNow);
            lastWriteNanos = clock.nanoTime();
        }
    }

    /** Creates the object, under a fresh name if another recorder took this one (see EventNameGenerator). */
    private void create(Event event) throws SinkException {
        names.createUnderFreshNames(() -> sink.create(event), first.regarding().name(), first.time(), fresh -> {
            synchronized (lock) {
                name = fresh;
            }
            event.getMetadata().setName(fresh);
        });
        metrics.created();
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
            create(event);
        }
    }

    @Override
    public UndeliveredEvent undelivered(String why) {
        synchronized (lock) {
            return new UndeliveredEvent(first.namespace(), name, first.type(), first.reason(),
                    first.regarding().kind() + "/" + first.regarding().name(), count, first.noteText(), why);
        }
    }
}
