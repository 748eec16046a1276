package io.kevents.recorder.writer;

import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A work queue of items that each stand for one event object, with the guarantees the sink writer needs (the
 * same ones as client-go's workqueue):
 * <ul>
 *   <li><b>coalescing</b>: adding an item that is already waiting does nothing, so however many times an event
 *       repeats while its write waits, it is written once, with its latest state;</li>
 *   <li><b>one write per item at a time</b>: an item added while it is being written waits until that write is
 *       done, so writes of one event object never race (no create/patch reordering);</li>
 *   <li><b>back-off</b>: an item can be parked until a timer of the injected clock releases it; adding it
 *       meanwhile does not release it early;</li>
 *   <li><b>lanes</b>: items of one lane (the events about one object) are written one at a time, in the order they
 *       became ready, so a watcher sees the object's events in the order they were recorded ({@code Created}
 *       before {@code Started}), as client-go's single writer shows them. Items of different lanes are written in
 *       parallel; a parked item does not hold its lane.</li>
 * </ul>
 * Items are compared by identity.
 *
 * @param <T> the item type
 */
public final class KeyedWorkQueue<T> {

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readyOrShutdown = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<T> ready = new ArrayDeque<>();
    private final Map<T, State> states = new IdentityHashMap<>();
    private final Function<T, Object> laneOf;
    /** Lanes with an item being written. */
    private final Set<Object> busyLanes = new HashSet<>();
    private boolean shutdown;

    /**
     * @param clock  times back-off
     * @param laneOf the lane of an item (compared with {@code equals}); items of one lane are written one at a time
     */
    public KeyedWorkQueue(Clock clock, Function<T, Object> laneOf) {
        this.clock = clock;
        this.laneOf = laneOf;
    }

    /** What {@link #add} did. */
    public enum Added {
        /** The item is now waiting to be written. */
        QUEUED,
        /** The item was already waiting; its pending write will carry the latest state. */
        COALESCED
    }

    private static final class State {
        final Object lane;
        boolean dirty;
        boolean processing;
        boolean parked;
        int failures;

        State(Object lane) {
            this.lane = lane;
        }
    }

    /** Asks for {@code item} to be written (again). */
    public Added add(T item) {
        lock.lock();
        try {
            State state = states.get(item);
            if (state == null) {
                state = new State(laneOf.apply(item));
                states.put(item, state);
            } else if (state.dirty) {
                return Added.COALESCED;
            }
            state.dirty = true;
            if (!state.processing && !state.parked) {
                ready.add(item);
                readyOrShutdown.signal();
            }
            return Added.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for an item to write and marks it as being written; {@code null} on timeout or
     * after {@link #shutdown()}.
     */
    public T take(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            T item;
            while ((item = pollFirstOfAFreeLane()) == null) {
                if (shutdown || nanos <= 0) {
                    return null;
                }
                nanos = readyOrShutdown.awaitNanos(nanos);
            }
            State state = states.get(item);
            state.dirty = false;
            state.processing = true;
            busyLanes.add(state.lane);
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest ready item whose lane has no write under way, taken out of the ready queue; or {@code null}. */
    private T pollFirstOfAFreeLane() {
        Iterator<T> it = ready.iterator();
        while (it.hasNext()) {
            T item = it.next();
            if (!busyLanes.contains(states.get(item).lane)) {
                it.remove();
                return item;
            }
        }
        return null;
    }

    /** The write of {@code item} succeeded. It is queued again if it was added meanwhile. */
    public void succeeded(T item) {
        finish(item);
    }

    /** The write of {@code item} failed for good. It is queued again only if it was added meanwhile. */
    public void gaveUp(T item) {
        finish(item);
    }

    /**
     * The write of {@code item} failed and should be retried after {@code delay}; until then the item is parked.
     *
     * @return the number of consecutive failures of this item so far
     */
    public int retryAfter(T item, Duration delay) {
        lock.lock();
        try {
            State state = states.get(item);
            state.processing = false;
            freeLane(state);
            state.parked = true;
            state.dirty = true;
            state.failures++;
            settled.signalAll();
            clock.schedule(delay, () -> release(item, state));
            return state.failures;
        } finally {
            lock.unlock();
        }
    }

    /** Consecutive failed writes of {@code item} (0 for an item not in the queue). */
    public int failures(T item) {
        lock.lock();
        try {
            State state = states.get(item);
            return state == null ? 0 : state.failures;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting, being written or parked. */
    public int size() {
        lock.lock();
        try {
            return states.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no item is waiting, being written or parked; {@code false} if {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!states.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no item is waiting or being written; parked items (waiting for their back-off) do not count.
     *
     * @return {@code false} if {@code timeout} passed first
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!isSettled()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = settled.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean isSettled() {
        if (!ready.isEmpty()) {
            return false;
        }
        for (State state : states.values()) {
            if (state.processing) {
                return false;
            }
        }
        return true;
    }

    /** Releases every parked item at once (used when closing: no time is left for back-off). */
    public void releaseParked() {
        lock.lock();
        try {
            states.forEach((item, state) -> {
                if (state.parked) {
                    state.parked = false;
                    ready.add(item);
                }
            });
            readyOrShutdown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every taker with {@code null} from now on. Items stay where they are (see {@link #remaining()}). */
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            readyOrShutdown.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The items not yet written successfully: waiting, parked, or being written right now. */
    public List<T> remaining() {
        lock.lock();
        try {
            return new ArrayList<>(states.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The lane's write is over: one ready item of that lane may be taken now, so one waiting taker is woken.
     * Caller holds the lock.
     */
    private void freeLane(State state) {
        busyLanes.remove(state.lane);
        readyOrShutdown.signal();
    }

    private void release(T item, State state) {
        lock.lock();
        try {
            if (states.get(item) == state && state.parked) {
                state.parked = false;
                ready.add(item);
                readyOrShutdown.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void finish(T item) {
        lock.lock();
        try {
            State state = states.get(item);
            state.processing = false;
            freeLane(state);
            state.failures = 0;
            if (state.dirty) {
                ready.add(item);
                readyOrShutdown.signal();
            } else {
                states.remove(item);
                if (states.isEmpty()) {
                    idle.signalAll();
                }
            }
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
