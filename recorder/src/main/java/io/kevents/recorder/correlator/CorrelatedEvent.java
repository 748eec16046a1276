package io.kevents.recorder.correlator;

import io.fabric8.kubernetes.api.model.Event;
import io.kevents.model.KubeTime;
import io.kevents.recorder.EventNameGenerator;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.CountPatch;
import io.kevents.recorder.sink.LegacyEventSink;
import io.kevents.recorder.sink.SinkException;
import io.kevents.recorder.writer.PendingWrite;
import java.time.Instant;

/**
 * One core/v1 event object as the correlator sees it (client-go's {@code eventLog}): its name and first
 * occurrence stay, while the count, last timestamp and message follow the latest occurrence. Mutable state is
 * guarded by the owning watcher's lock; writes snapshot it under that lock and do their I/O without it.
 */
final class CorrelatedEvent implements PendingWrite {

    private final Object lock;
    private final LegacyEventSink sink;
    private final RecorderMetrics metrics;
    private final Instant firstTimestamp;
    private final EventNameGenerator names;
    private final Object lane;

    // Guarded by lock.
    private String name;
    private RecordedEvent latest;
    private String message;
    private int count = 1;
    private int writtenCount;
    private boolean created;

    CorrelatedEvent(EventNameGenerator names, RecordedEvent first, String message, Object lock, LegacyEventSink sink,
                    RecorderMetrics metrics) {
        this.names = names;
        this.latest = first;
        this.message = message;
        this.firstTimestamp = first.time();
        this.lane = first.regarding().wholeObject();
        this.lock = lock;
        this.sink = sink;
        this.metrics = metrics;
    }

    /** The object the events are about: its events are written in the order they were recorded. */
    @Override
    public Object lane() {
        return lane;
    }

    /** Counts another occurrence. Caller holds the lock. */
    void observe(RecordedEvent event, String newMessage) {
        latest = event;
        message = newMessage;
        count++;
    }

    /** Whether occurrences are counted that the server has not been told about. Caller holds the lock. */
    boolean hasUnwrittenOccurrences() {
        return count > writtenCount;
    }

    /** The latest occurrence. Caller holds the lock. */
    RecordedEvent latest() {
        return latest;
    }

    /**
     * Creates the object the first time (with however many occurrences it has by then), patches count,
     * lastTimestamp and message afterwards, and re-creates it (same name, first timestamp and running count, as
     * client-go does) when the server's TTL removed it.
     */
    @Override
    public void writeLatest() throws SinkException {
        Event event;
        int countNow;
        boolean createdNow;
        String messageNow;
        Instant lastNow;
        synchronized (lock) {
            if (created && count <= writtenCount) {
                return; // asked for while the previous write was in flight, which carried it
            }
            if (name == null) {
                // Named at the first write, off the recording path: most objects of a storm are never written.
                name = names.next(latest.regarding().name(), firstTimestamp);
            }
            countNow = count;
            createdNow = created;
            messageNow = message;
            lastNow = latest.time();
            event = latest.toCoreV1(name);
        }
        event.setMessage(messageNow);
        event.setCount(countNow);
        event.setFirstTimestamp(KubeTime.formatTime(firstTimestamp));
        event.setLastTimestamp(KubeTime.formatTime(lastNow));
        if (!createdNow) {
            create(event);
        } else {
            patchOrCreate(event, new CountPatch(countNow, lastNow, messageNow));
        }
        synchronized (lock) {
            created = true;
            writtenCount = Math.max(writtenCount, countNow);
        }
    }

    /** Creates the object, under a fresh name if another recorder took this one (see EventNameGenerator). */
    private void create(Event event) throws SinkException {
        names.createUnderFreshNames(() -> sink.create(event), event.getInvolvedObject().getName(), firstTimestamp,
                fresh -> {
                    synchronized (lock) {
                        name = fresh;
                    }
                    event.getMetadata().setName(fresh);
                });
        metrics.created();
    }

    private void patchOrCreate(Event event, CountPatch patch) throws SinkException {
        try {
            sink.patch(event, patch);
            metrics.patched();
        } catch (SinkException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            event.getMetadata().setResourceVersion(null);
            create(event);
        }
    }

    @Override
    public UndeliveredEvent undelivered(String why) {
        synchronized (lock) {
            return new UndeliveredEvent(latest.namespace(), name, latest.type(), latest.reason(),
                    latest.regarding().kind() + "/" + latest.regarding().name(), count, message, why);
        }
    }
}
