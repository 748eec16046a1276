package io.kevents.kubelet.loop;

import io.kevents.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where everything of one hollow kubelet happens: its timers come from the injected {@link Clock} (no thread per
 * node or per pod), and every task runs under the node's lock, so the node's state (pod workers, images,
 * back-offs, volumes) needs no further synchronisation whatever thread the clock or an informer calls from.
 *
 * <p>With a {@code ManualClock}, tasks run on the thread that advances the clock, at their due time, which makes
 * whole back-off sequences deterministic. Tasks must be short: API writes are handed to an asynchronous writer.
 */
public final class NodeLoop {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLoop.class);

    private final String node;
    private final Clock clock;
    private final long tickPhaseNanos;
    private final Duration tick;
    private boolean closed;

    /**
     * @param node the node's name, for logs
     * @param tick the period of the kubelet's sync loop and PLEG relist (1 s); ticks count from now
     */
    public NodeLoop(String node, Clock clock, Duration tick) {
        this.node = node;
        this.clock = clock;
        this.tick = tick;
        this.tickPhaseNanos = clock.nanoTime();
    }

    /** Wall time (what events and statuses carry). */
    public Instant now() {
        return clock.now();
    }

    /** Monotonic time, for back-offs and deadlines. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** Runs {@code task} under the node's lock after {@code delay}; nothing once the loop is closed. */
    public Clock.Timer schedule(Duration delay, Runnable task) {
        return clock.schedule(delay, () -> run(task));
    }

    /**
     * Runs {@code task} under the node's lock on the calling thread; for informer callbacks that must see the
     * node's state now. Exceptions are logged once here, the edge, and do not break the node.
     */
    public void run(Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("hollow kubelet {}: a task failed", node, e);
            }
        }
    }

    /**
     * The delay from now until the kubelet's next loop tick at or after {@code delay} from now: work queued for a
     * time is only picked up by the sync loop's one-second ticker, and state changes are only seen by the next PLEG
     * relist.
     */
    public Duration alignedToTick(Duration delay) {
        long now = clock.nanoTime();
        long due = now + delay.toNanos();
        long tickNanos = tick.toNanos();
        long sincePhase = due - tickPhaseNanos;
        long ticks = Math.floorDiv(sincePhase + tickNanos - 1, tickNanos);
        return Duration.ofNanos(Math.max(0, tickPhaseNanos + ticks * tickNanos - now));
    }

    /** Stops running tasks; timers that fall due later do nothing. */
    public synchronized void close() {
        closed = true;
    }
}
