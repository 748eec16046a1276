package io.kevents.recorder.writer;

import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.SinkException;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pending event objects to a sink with a fixed pool of worker threads, one write per object at a time,
 * the latest state winning, and the events about one object in the order they were recorded (see
 * {@link KeyedWorkQueue}, with {@link PendingWrite#lane()} as lanes), retrying by a {@link RetryPolicy}. A failing
 * write never holds up other objects: it is parked for its back-off while the workers go on.
 *
 * @param <T> the pending-write type
 */
public final class SinkWriter<T extends PendingWrite> {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Duration WORKER_STOP_WAIT = Duration.ofSeconds(1);
    private static final String CLOSE_DEADLINE = "not written before the close deadline";

    private final String name;
    private final KeyedWorkQueue<T> queue;
    private final RetryPolicy retryPolicy;
    private final RecorderMetrics metrics;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong failuresSinceLog = new AtomicLong();
    private volatile long closeDeadlineNanos = Long.MAX_VALUE;
    private volatile boolean stopped;
    /** Writes that failed because close() stopped them, with why. */
    private final Map<T, String> abandoned = new ConcurrentHashMap<>();

    /**
     * @param name        names the worker threads
     * @param workerCount concurrent writes
     * @param clock       times the back-off of failed writes
     */
    public SinkWriter(String name, int workerCount, Clock clock, RetryPolicy retryPolicy, RecorderMetrics metrics) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("need at least one writer thread");
        }
        this.name = name;
        this.queue = new KeyedWorkQueue<>(clock, PendingWrite::lane);
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        metrics.addWriteQueue(queue::size);
    }

    /** Starts the workers. */
    public void start() {
        workers.forEach(Thread::start);
    }

    /** Asks for {@code item}'s latest state to be written. */
    public void enqueue(T item) {
        if (queue.add(item) == KeyedWorkQueue.Added.COALESCED) {
            metrics.coalesced();
        }
    }

    /**
     * Waits until nothing is waiting or being written (writes parked for a retry back-off do not count).
     *
     * @return {@code false} if {@code timeout} passed first
     */
    public boolean awaitSettled(Duration timeout) {
        try {
            return queue.awaitSettled(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes what is pending within {@code timeout}, then stops the workers. Retries go on while their back-off
     * fits before the deadline.
     *
     * @return what could not be written
     */
    public List<UndeliveredEvent> close(Duration timeout) {
        closeDeadlineNanos = System.nanoTime() + timeout.toNanos();
        List<UndeliveredEvent> undelivered = new ArrayList<>();
        try {
            queue.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        queue.shutdown();
        for (Thread worker : workers) {
            worker.interrupt();
        }
        // Writes cut short by the interrupt end up in abandoned: wait for them, briefly, so the report is complete.
        for (Thread worker : workers) {
            joinBriefly(worker);
        }
        // An item cut short may also still be waiting (a newer state of it was asked for): report it once.
        Map<T, String> unwritten = new LinkedHashMap<>();
        for (T item : queue.remaining()) {
            unwritten.put(item, CLOSE_DEADLINE);
        }
        unwritten.putAll(abandoned);
        metrics.dropped(DropReason.SHUTDOWN, unwritten.size());
        unwritten.forEach((item, why) -> undelivered.add(item.undelivered(why)));
        return undelivered;
    }

    private static void joinBriefly(Thread worker) {
        try {
            worker.join(WORKER_STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (!stopped) {
            T item;
            try {
                item = queue.take(POLL);
            } catch (InterruptedException e) {
                return;
            }
            if (item != null) {
                write(item);
            }
        }
    }

    private void write(T item) {
        try {
            item.writeLatest();
            queue.succeeded(item);
        } catch (SinkException failure) {
            handleFailure(item, failure);
        } catch (RuntimeException bug) {
            // A sink that throws something else is broken; retrying will not fix it.
            LOG.error("{}: sink threw {} writing {}", name, bug, item.undelivered("").name(), bug);
            metrics.dropped(DropReason.REJECTED);
            queue.gaveUp(item);
        }
    }

    private void handleFailure(T item, SinkException failure) {
        int failures = queue.failures(item) + 1;
        Optional<Duration> delay = retryPolicy.delayAfter(failure, failures);
        if (delay.isPresent() && System.nanoTime() + delay.get().toNanos() < closeDeadlineNanos && !stopped) {
            metrics.retried();
            queue.retryAfter(item, delay.get());
            return;
        }
        if (delay.isPresent()) {
            // Worth retrying, but close()'s deadline came first (or cut this write short): report it from close().
            abandoned.put(item, CLOSE_DEADLINE + " (" + failure.getMessage() + ")");
            queue.gaveUp(item);
            return;
        }
        DropReason reason = retryPolicy.isRetryable(failure) ? DropReason.RETRIES_EXHAUSTED : DropReason.REJECTED;
        metrics.dropped(reason);
        logThrottled(item, failure, reason, failures);
        queue.gaveUp(item);
    }

    /** Logs a lost write, at most once per 10 s per writer, saying how many were not logged. */
    private void logThrottled(T item, SinkException failure, DropReason reason, int attempts) {
        long suppressed = failuresSinceLog.incrementAndGet();
        long last = lastFailureLog.get();
        long now = System.nanoTime();
        if (now - last < LOG_INTERVAL_NANOS || !lastFailureLog.compareAndSet(last, now)) {
            return;
        }
        failuresSinceLog.addAndGet(-suppressed);
        UndeliveredEvent event = item.undelivered(failure.getMessage());
        LOG.warn("{}: could not write event {}/{} ({} {} on {}) after {} attempt(s): {} (status {}); {} write(s) "
                        + "lost since the last such message ({})", name, event.namespace(), event.name(),
                event.type(), event.reason(), event.object(), attempts, failure.getMessage(), failure.status(),
                suppressed, reason.tag());
    }
}
