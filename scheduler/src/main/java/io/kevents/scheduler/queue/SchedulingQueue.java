package io.kevents.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pods waiting to be scheduled (Kubernetes' {@code PriorityQueue}), in three places:
 * <ul>
 *   <li><b>active</b>: ready now, popped by higher priority first, then by the time they entered the queue;</li>
 *   <li><b>backoff</b>: failed recently and waiting out their back-off (1 s doubling to 10 s per attempt), moved to
 *       active by a flush every second;</li>
 *   <li><b>unschedulable</b>: rejected by the filters; they wait for a cluster event that could help (a node added,
 *       a node's labels, taints or allocatable changed, a bound pod deleted), or for the periodic flush of pods that
 *       have waited longer than the version's limit.</li>
 * </ul>
 * A popped pod is <em>in flight</em> until {@link #done}. Events that arrive meanwhile are remembered: if one could
 * help a pod that is then rejected, the pod goes to back-off instead of waiting for another event that may never
 * come (Kubernetes' moveRequestCycle / in-flight events).
 *
 * <p>All timing comes from the injected {@link Clock}, so tests drive back-off and flushes with a
 * {@code ManualClock}. Thread-safe.
 */
public final class SchedulingQueue implements AutoCloseable {

    /** Where a pod is. */
    public enum Location { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT, ABSENT }

    /** How often backoff is flushed into active. */
    public static final Duration BACKOFF_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How often the unschedulable pods are checked for having waited too long. */
    public static final Duration UNSCHEDULABLE_FLUSH_INTERVAL = Duration.ofSeconds(30);

    private static final Comparator<Entry> BY_PRIORITY = Comparator
            .comparingInt((Entry e) -> -e.info.pod().priority())
            .thenComparingLong(e -> e.info.timestampNanos())
            .thenComparingLong(e -> e.sequence);
    private static final Comparator<Entry> BY_EXPIRY = Comparator
            .comparingLong((Entry e) -> e.backoffExpiryNanos)
            .thenComparingLong(e -> e.sequence);

    private final Clock clock;
    private final Backoff backoff;
    private final Duration maxUnschedulableAge;
    private final QueueingPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition activeNotEmpty = lock.newCondition();
    // Sorted sets, not heaps: an update or delete of a waiting pod removes its entry in O(log n).
    private final NavigableSet<Entry> active = new TreeSet<>(BY_PRIORITY);
    private final NavigableSet<Entry> backoffQueue = new TreeSet<>(BY_EXPIRY);
    private final Map<String, Entry> activeByKey = new HashMap<>();
    private final Map<String, Entry> backoffByKey = new HashMap<>();
    private final Map<String, QueuedPodInfo> unschedulable = new LinkedHashMap<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final List<LoggedEvent> eventsWhileInFlight = new ArrayList<>();
    private long sequence;
    private long eventSequence;
    private boolean closed;
    private Clock.Timer backoffTimer;
    private Clock.Timer unschedulableTimer;

    /**
     * @param clock               time for back-off, ordering and flushes
     * @param backoff             the back-off schedule
     * @param maxUnschedulableAge how long a pod may stay unschedulable before a flush retries it anyway
     * @param policy              which unschedulable pods a cluster event retries
     */
    public SchedulingQueue(Clock clock, Backoff backoff, Duration maxUnschedulableAge, QueueingPolicy policy) {
        this.clock = clock;
        this.backoff = backoff;
        this.maxUnschedulableAge = maxUnschedulableAge;
        this.policy = policy;
    }

    /** Starts the periodic flushes (every second: backoff → active; every 30 s: overdue unschedulable pods). */
    public void start() {
        lock.lock();
        try {
            if (closed || backoffTimer != null) {
                return;
            }
            backoffTimer = clock.schedule(BACKOFF_FLUSH_INTERVAL, this::backoffTick);
            unschedulableTimer = clock.schedule(UNSCHEDULABLE_FLUSH_INTERVAL, this::unschedulableTick);
        } finally {
            lock.unlock();
        }
    }

    private void backoffTick() {
        flushBackoffCompleted();
        lock.lock();
        try {
            if (!closed) {
                backoffTimer = clock.schedule(BACKOFF_FLUSH_INTERVAL, this::backoffTick);
            }
        } finally {
            lock.unlock();
        }
    }

    private void unschedulableTick() {
        flushUnschedulableLeftover();
        lock.lock();
        try {
            if (!closed) {
                unschedulableTimer = clock.schedule(UNSCHEDULABLE_FLUSH_INTERVAL, this::unschedulableTick);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A new pending pod: straight to active (replacing any older copy wherever it is). */
    public void add(PodInfo pod) {
        lock.lock();
        try {
            String key = pod.key();
            InFlight flight = inFlight.get(key);
            if (flight != null) {
                flight.update(pod, true);
                return;
            }
            removeEverywhere(key);
            pushActive(QueuedPodInfo.first(pod, clock.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * A new version of a pending pod. Where it waits, it is replaced; an unschedulable pod whose spec, labels or
     * annotations changed is retried (the change may be what it needed). Status-only changes (such as this
     * scheduler's own PodScheduled condition) move nothing.
     */
    public void update(PodInfo pod) {
        lock.lock();
        try {
            String key = pod.key();
            Entry activeEntry = activeByKey.get(key);
            if (activeEntry != null) {
                active.remove(activeEntry);
                pushActive(activeEntry.info.withPod(pod));
                return;
            }
            Entry backoffEntry = backoffByKey.get(key);
            if (backoffEntry != null) {
                backoffQueue.remove(backoffEntry);
                Entry replaced = new Entry(backoffEntry.info.withPod(pod), sequence++,
                        backoffEntry.backoffExpiryNanos);
                backoffQueue.add(replaced);
                backoffByKey.put(key, replaced);
                return;
            }
            QueuedPodInfo waiting = unschedulable.get(key);
            if (waiting != null) {
                QueuedPodInfo replaced = waiting.withPod(pod);
                if (schedulingRelevantChange(waiting.pod().pod(), pod.pod())) {
                    unschedulable.remove(key);
                    moveToActiveOrBackoff(replaced);
                } else {
                    unschedulable.put(key, replaced);
                }
                return;
            }
            InFlight flight = inFlight.get(key);
            if (flight != null) {
                flight.update(pod, schedulingRelevantChange(flight.latest.pod(), pod.pod()));
                return;
            }
            pushActive(QueuedPodInfo.first(pod, clock.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    /** A pending pod was deleted or bound by someone: forget it. */
    public void delete(String key) {
        lock.lock();
        try {
            removeEverywhere(key);
            InFlight flight = inFlight.get(key);
            if (flight != null) {
                flight.deleted = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next pod to schedule, waiting for one; empty once the queue is closed. The pod is in flight until
     * {@link #done}, {@link #addUnschedulable} or {@link #addBackoff}.
     */
    public Optional<QueuedPodInfo> pop() throws InterruptedException {
        lock.lock();
        try {
            while (active.isEmpty() && !closed) {
                activeNotEmpty.await();
            }
            return closed ? Optional.empty() : Optional.of(takeFirst());
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #pop()} without waiting: empty when nothing is active. */
    public Optional<QueuedPodInfo> tryPop() {
        lock.lock();
        try {
            return active.isEmpty() || closed ? Optional.empty() : Optional.of(takeFirst());
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #pop()}, waiting at most {@code timeout}. */
    public Optional<QueuedPodInfo> pop(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (active.isEmpty() && !closed && remaining > 0) {
                remaining = activeNotEmpty.awaitNanos(remaining);
            }
            return active.isEmpty() || closed ? Optional.empty() : Optional.of(takeFirst());
        } finally {
            lock.unlock();
        }
    }

    private QueuedPodInfo takeFirst() {
        Entry entry = active.pollFirst();
        activeByKey.remove(entry.info.key());
        QueuedPodInfo popped = entry.info.popped();
        inFlight.put(popped.key(), new InFlight(eventSequence, popped.pod()));
        return popped;
    }

    /** The scheduling (and binding) of a popped pod is over. */
    public void done(String key) {
        lock.lock();
        try {
            finishFlight(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The filters rejected a popped pod. It waits with the unschedulable pods for a helpful event, unless one already
     * arrived while it was in flight (or the pod itself changed): then it goes to back-off. A pod deleted meanwhile
     * is dropped.
     *
     * @param rejectors the filters that rejected it (the queueing hints ask them about later events)
     */
    public void addUnschedulable(QueuedPodInfo pod, Set<String> rejectors) {
        requeue(pod, rejectors, false);
    }

    /** A popped pod hit an error (not its fault): it is retried after its back-off. */
    public void addBackoff(QueuedPodInfo pod) {
        requeue(pod, Set.of(), true);
    }

    private void requeue(QueuedPodInfo pod, Set<String> rejectors, boolean error) {
        lock.lock();
        try {
            String key = pod.key();
            InFlight flight = inFlight.get(key);
            try {
                if (closed || flight != null && flight.deleted || isQueued(key)) {
                    return;
                }
                PodInfo latest = flight != null ? flight.latest : pod.pod();
                QueuedPodInfo requeued = pod.withPod(latest).requeued(clock.nanoTime(), rejectors);
                if (error || flight != null && (flight.updated || helpfulEventSince(flight.eventSequence, requeued))) {
                    moveToActiveOrBackoff(requeued);
                } else {
                    unschedulable.put(key, requeued);
                }
            } finally {
                finishFlight(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Something changed in the cluster: retry the unschedulable pods it could help (those still backing off go to
     * backoff, the others to active), and remember it for the pods in flight.
     */
    public void onClusterEvent(ClusterEvent event) {
        lock.lock();
        try {
            if (!inFlight.isEmpty()) {
                eventsWhileInFlight.add(new LoggedEvent(++eventSequence, event));
            }
            Iterator<QueuedPodInfo> waiting = unschedulable.values().iterator();
            List<QueuedPodInfo> moved = new ArrayList<>();
            while (waiting.hasNext()) {
                QueuedPodInfo pod = waiting.next();
                if (policy.isWorthRequeuing(pod, event)) {
                    waiting.remove();
                    moved.add(pod);
                }
            }
            moved.forEach(this::moveToActiveOrBackoff);
        } finally {
            lock.unlock();
        }
    }

    /** Moves every pod whose back-off has expired to active (run every second). */
    public void flushBackoffCompleted() {
        lock.lock();
        try {
            long now = clock.nanoTime();
            while (!backoffQueue.isEmpty() && backoffQueue.first().backoffExpiryNanos <= now) {
                Entry entry = backoffQueue.pollFirst();
                backoffByKey.remove(entry.info.key());
                pushActive(entry.info);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Retries unschedulable pods that have waited longer than the version's limit (run every 30 seconds). */
    public void flushUnschedulableLeftover() {
        lock.lock();
        try {
            long now = clock.nanoTime();
            long limit = maxUnschedulableAge.toNanos();
            List<QueuedPodInfo> overdue = new ArrayList<>();
            Iterator<QueuedPodInfo> waiting = unschedulable.values().iterator();
            while (waiting.hasNext()) {
                QueuedPodInfo pod = waiting.next();
                if (now - pod.timestampNanos() > limit) {
                    waiting.remove();
                    overdue.add(pod);
                }
            }
            overdue.forEach(this::moveToActiveOrBackoff);
        } finally {
            lock.unlock();
        }
    }

    /** Where the pod with {@code key} is. */
    public Location locate(String key) {
        lock.lock();
        try {
            if (activeByKey.containsKey(key)) {
                return Location.ACTIVE;
            }
            if (backoffByKey.containsKey(key)) {
                return Location.BACKOFF;
            }
            if (unschedulable.containsKey(key)) {
                return Location.UNSCHEDULABLE;
            }
            return inFlight.containsKey(key) ? Location.IN_FLIGHT : Location.ABSENT;
        } finally {
            lock.unlock();
        }
    }

    /** The number of pods waiting in each place, for metrics and tests. */
    public Map<Location, Integer> sizes() {
        lock.lock();
        try {
            return Map.of(Location.ACTIVE, active.size(), Location.BACKOFF, backoffQueue.size(),
                    Location.UNSCHEDULABLE, unschedulable.size(), Location.IN_FLIGHT, inFlight.size());
        } finally {
            lock.unlock();
        }
    }

    /** When the pod's back-off ends, as a {@link Clock#nanoTime()} reading. */
    public long backoffExpiryNanos(QueuedPodInfo pod) {
        return pod.timestampNanos() + backoff.after(pod.attempts()).toNanos();
    }

    /** Stops the flushes and wakes a waiting {@link #pop()}, which then returns empty. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (backoffTimer != null) {
                backoffTimer.cancel();
                unschedulableTimer.cancel();
            }
            activeNotEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void moveToActiveOrBackoff(QueuedPodInfo pod) {
        long expiry = backoffExpiryNanos(pod);
        if (expiry > clock.nanoTime()) {
            Entry entry = new Entry(pod, sequence++, expiry);
            backoffQueue.add(entry);
            backoffByKey.put(pod.key(), entry);
        } else {
            pushActive(pod);
        }
    }

    private void pushActive(QueuedPodInfo pod) {
        Entry entry = new Entry(pod, sequence++, 0);
        active.add(entry);
        activeByKey.put(pod.key(), entry);
        activeNotEmpty.signal();
    }

    private boolean isQueued(String key) {
        return activeByKey.containsKey(key) || backoffByKey.containsKey(key) || unschedulable.containsKey(key);
    }

    private void removeEverywhere(String key) {
        Entry entry = activeByKey.remove(key);
        if (entry != null) {
            active.remove(entry);
        }
        entry = backoffByKey.remove(key);
        if (entry != null) {
            backoffQueue.remove(entry);
        }
        unschedulable.remove(key);
    }

    private boolean helpfulEventSince(long since, QueuedPodInfo pod) {
        for (LoggedEvent logged : eventsWhileInFlight) {
            if (logged.sequence > since && policy.isWorthRequeuing(pod, logged.event)) {
                return true;
            }
        }
        return false;
    }

    private void finishFlight(String key) {
        if (inFlight.remove(key) == null || eventsWhileInFlight.isEmpty()) {
            return;
        }
        if (inFlight.isEmpty()) {
            eventsWhileInFlight.clear();
            return;
        }
        long oldest = Long.MAX_VALUE;
        for (InFlight flight : inFlight.values()) {
            oldest = Math.min(oldest, flight.eventSequence);
        }
        long keepAfter = oldest;
        eventsWhileInFlight.removeIf(logged -> logged.sequence <= keepAfter);
    }

    /** Whether a pod changed in a way that could change where it fits (not just its status or version). */
    static boolean schedulingRelevantChange(Pod before, Pod after) {
        return !Objects.equals(before.getSpec(), after.getSpec())
                || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                || !Objects.equals(before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations());
    }

    /** A queued pod and what orders it; identity equality keeps removal exact. */
    private static final class Entry {
        final QueuedPodInfo info;
        final long sequence;
        final long backoffExpiryNanos;

        Entry(QueuedPodInfo info, long sequence, long backoffExpiryNanos) {
            this.info = info;
            this.sequence = sequence;
            this.backoffExpiryNanos = backoffExpiryNanos;
        }
    }

    /** A popped pod: the event count when it was popped, and what happened to it since. */
    private static final class InFlight {
        final long eventSequence;
        PodInfo latest;
        boolean updated;
        boolean deleted;

        InFlight(long eventSequence, PodInfo latest) {
            this.eventSequence = eventSequence;
            this.latest = latest;
        }

        void update(PodInfo pod, boolean relevant) {
            latest = pod;
            updated |= relevant;
        }
    }

    private record LoggedEvent(long sequence, ClusterEvent event) {
    }
}
