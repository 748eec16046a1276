package io.kevents.recorder.sink;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.kevents.model.EventConversion;
import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A sink that keeps events in memory, for tests and demos. Like the API server, it stores one object per event
 * and serves it through both APIs, so it is both an {@link EventSink} and a {@link LegacyEventSink}; it answers
 * 409 on a duplicate create and 404 on a patch of a missing event.
 *
 * <p>For tests it also keeps the sequence of {@link SinkCall}s, can be told to fail the next writes, or some writes,
 * with a given error, and can hold writes (on the writer threads, never on recording threads) until released.
 */
public final class InMemoryEventSink implements EventSink, LegacyEventSink {

    private final Map<String, Event> events = new LinkedHashMap<>();
    private final List<SinkCall> calls = new ArrayList<>();
    private final Deque<SinkException> plannedFailures = new ArrayDeque<>();
    private final List<Map.Entry<Predicate<SinkCall>, SinkException>> failureRules = new ArrayList<>();
    private final AtomicLong resourceVersion = new AtomicLong();
    private boolean held;
    private int heldWrites;

    // ---- events.k8s.io/v1

    @Override
    public io.fabric8.kubernetes.api.model.events.v1.Event create(io.fabric8.kubernetes.api.model.events.v1.Event e)
            throws SinkException {
        return EventConversion.toEventsV1(store("create", EventConversion.EVENTS_API_VERSION,
                EventConversion.toCore(e), false));
    }

    @Override
    public io.fabric8.kubernetes.api.model.events.v1.Event update(io.fabric8.kubernetes.api.model.events.v1.Event e)
            throws SinkException {
        return EventConversion.toEventsV1(store("update", EventConversion.EVENTS_API_VERSION,
                EventConversion.toCore(e), true));
    }

    @Override
    public io.fabric8.kubernetes.api.model.events.v1.Event patch(io.fabric8.kubernetes.api.model.events.v1.Event e,
                                                                  SeriesPatch patch) throws SinkException {
        String key = key(e.getMetadata().getNamespace(), e.getMetadata().getName());
        Event patched = patchStored("patch", EventConversion.EVENTS_API_VERSION, key, e.getReason(), patch.count(),
                stored -> stored.setSeries(new EventSeries(patch.count(),
                        new MicroTime(KubeTime.formatMicroTime(patch.lastObservedTime())))));
        return EventConversion.toEventsV1(patched);
    }

    // ---- core/v1

    @Override
    public Event create(Event event) throws SinkException {
        return EventConversion.copyOf(store("create", EventConversion.CORE_API_VERSION,
                EventConversion.copyOf(event), false));
    }

    @Override
    public Event update(Event event) throws SinkException {
        return EventConversion.copyOf(store("update", EventConversion.CORE_API_VERSION,
                EventConversion.copyOf(event), true));
    }

    @Override
    public Event patch(Event event, CountPatch patch) throws SinkException {
        String key = key(event.getMetadata().getNamespace(), event.getMetadata().getName());
        return EventConversion.copyOf(patchStored("patch", EventConversion.CORE_API_VERSION, key, event.getReason(),
                patch.count(), stored -> {
                    stored.setCount(patch.count());
                    stored.setLastTimestamp(KubeTime.formatTime(patch.lastTimestamp()));
                    stored.setMessage(patch.message());
                }));
    }

    // ---- inspection, for tests and demos

    /** Every stored event, in core/v1 form, ordered by creation. */
    public synchronized List<Event> events() {
        return events.values().stream().map(EventConversion::copyOf).toList();
    }

    /** Every stored event in events.k8s.io/v1 form. */
    public synchronized List<io.fabric8.kubernetes.api.model.events.v1.Event> eventsV1() {
        return events.values().stream().map(EventConversion::toEventsV1).toList();
    }

    /** One stored event, in core/v1 form. */
    public synchronized Optional<Event> get(String namespace, String name) {
        return Optional.ofNullable(events.get(key(namespace, name))).map(EventConversion::copyOf);
    }

    /** Stored events sorted by last occurrence, as {@code kubectl get events} users expect to read them. */
    public synchronized List<Event> eventsByLastSeen() {
        return events().stream().sorted(Comparator.comparing(InMemoryEventSink::lastSeen)).toList();
    }

    /** Every call received so far, in order. */
    public synchronized List<SinkCall> calls() {
        return List.copyOf(calls);
    }

    /** Calls received so far in {@link SinkCall#brief()} form. */
    public synchronized List<String> briefCalls() {
        return calls.stream().map(SinkCall::brief).toList();
    }

    /** Makes the next {@code times} writes fail with {@code failure} (without storing anything). */
    public synchronized void failNext(int times, SinkException failure) {
        for (int i = 0; i < times; i++) {
            plannedFailures.add(failure);
        }
    }

    /**
     * Makes every write for which {@code condition} holds fail with {@code failure} from now on (the call passed to
     * the condition has {@code failed == false}).
     */
    public synchronized void failWhere(Predicate<SinkCall> condition, SinkException failure) {
        failureRules.add(Map.entry(condition, failure));
    }

    /** Removes every failure rule and planned failure: the sink works again. */
    public synchronized void heal() {
        failureRules.clear();
        plannedFailures.clear();
    }

    /**
     * Holds every write until {@link #release()}: writer threads wait, recording goes on. A held write whose thread
     * is interrupted fails with a transport error.
     */
    public synchronized void hold() {
        held = true;
    }

    /** Writes waiting in {@link #hold()} right now. */
    public synchronized int heldWrites() {
        return held ? heldWrites : 0;
    }

    /** Lets held writes proceed. */
    public synchronized void release() {
        held = false;
        notifyAll();
    }

    /** Forgets stored events (as a TTL expiry would), keeping the call log. */
    public synchronized void expireAll() {
        events.clear();
    }

    // ---- internals

    private synchronized Event store(String operation, String api, Event event, boolean allowReplace)
            throws SinkException {
        awaitRelease();
        String key = key(event.getMetadata().getNamespace(), event.getMetadata().getName());
        int count = countOf(event);
        failIfPlanned(operation, api, event.getMetadata().getNamespace(), event.getMetadata().getName(),
                event.getReason(), count);
        Event previous = allowReplace ? events.put(key, event) : events.putIfAbsent(key, event);
        if (!allowReplace && previous != null) {
            calls.add(new SinkCall(operation, api, event.getMetadata().getNamespace(), event.getMetadata().getName(),
                    event.getReason(), count, true));
            throw SinkException.status(409, "AlreadyExists", "events \"" + event.getMetadata().getName()
                    + "\" already exists");
        }
        event.getMetadata().setResourceVersion(Long.toString(resourceVersion.incrementAndGet()));
        calls.add(new SinkCall(operation, api, event.getMetadata().getNamespace(), event.getMetadata().getName(),
                event.getReason(), count, false));
        return event;
    }

    private synchronized Event patchStored(String operation, String api, String key, String reason, int count,
                                           java.util.function.Consumer<Event> change) throws SinkException {
        awaitRelease();
        String[] parts = key.split("/", 2);
        failIfPlanned(operation, api, parts[0], parts[1], reason, count);
        Event stored = events.get(key);
        if (stored == null) {
            calls.add(new SinkCall(operation, api, parts[0], parts[1], reason, count, true));
            throw SinkException.status(404, "NotFound", "events \"" + parts[1] + "\" not found");
        }
        change.accept(stored);
        stored.getMetadata().setResourceVersion(Long.toString(resourceVersion.incrementAndGet()));
        calls.add(new SinkCall(operation, api, parts[0], parts[1], reason, count, false));
        return stored;
    }

    private void failIfPlanned(String operation, String api, String namespace, String name, String reason,
                               int count) throws SinkException {
        SinkCall call = new SinkCall(operation, api, namespace, name, reason, count, false);
        SinkException failure = plannedFailures.poll();
        for (Map.Entry<Predicate<SinkCall>, SinkException> rule : failureRules) {
            if (failure == null && rule.getKey().test(call)) {
                failure = rule.getValue();
            }
        }
        if (failure != null) {
            calls.add(new SinkCall(operation, api, namespace, name, reason, count, true));
            throw failure;
        }
    }

    /** Waits while held; an interrupted wait fails the write, as an interrupted HTTP call would. */
    private void awaitRelease() throws SinkException {
        heldWrites++;
        try {
            while (held) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SinkException.transport("interrupted while the sink was held", e);
        } finally {
            heldWrites--;
        }
    }

    private static int countOf(Event event) {
        if (event.getSeries() != null && event.getSeries().getCount() != null) {
            return event.getSeries().getCount();
        }
        return event.getCount() == null ? 1 : event.getCount();
    }

    /** When an event was last seen, by {@code kubectl events}' rule: series, else lastTimestamp, else eventTime. */
    private static Instant lastSeen(Event event) {
        if (event.getSeries() != null && event.getSeries().getLastObservedTime() != null) {
            return KubeTime.parse(event.getSeries().getLastObservedTime().getTime());
        }
        if (event.getLastTimestamp() != null) {
            return KubeTime.parse(event.getLastTimestamp());
        }
        return event.getEventTime() == null ? Instant.EPOCH : KubeTime.parse(event.getEventTime().getTime());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
