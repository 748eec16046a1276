package io.kevents.kubelet.api;

import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous API writes for all hollow nodes, on a few threads: node timers and informer callbacks only queue.
 * Writes are keyed by object ({@code pod/default/nginx}): a write queued for an object that already has one
 * waiting replaces it (the latest status wins), and one object is never written by two threads at once, so writes
 * of an object stay in order. Transient failures are retried with back-off on the clock; a write that fails for good
 * is logged once, here.
 */
public final class ApiWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiWriter.class);

    private final Clock clock;
    private final int maxAttempts;
    private final Object lock = new Object();
    private final Map<String, Pending> waiting = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int retriesScheduled;
    private boolean closed;

    private record Pending(ApiCall call, int attempt) {
    }

    /**
     * @param name        thread name prefix
     * @param threads     concurrent requests
     * @param clock       times retries
     * @param maxAttempts tries per write before it is given up
     */
    public ApiWriter(String name, int threads, Clock clock, int maxAttempts) {
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::work, name + "-" + i);
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    /** Queues {@code call} for object {@code key}, replacing a call for it that has not started. */
    public void submit(String key, ApiCall call) {
        enqueue(key, new Pending(call, 1));
    }

    private void enqueue(String key, Pending pending) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            boolean alreadyWaiting = waiting.put(key, pending) != null;
            if (!alreadyWaiting && !inFlight.contains(key)) {
                ready.add(key);
                lock.notify();
            }
        }
    }

    private void work() {
        while (true) {
            String key;
            Pending pending;
            synchronized (lock) {
                while (ready.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (ready.isEmpty()) {
                    return;
                }
                key = ready.poll();
                pending = waiting.remove(key);
                inFlight.add(key);
            }
            WriteResult result;
            try {
                result = pending.call().call();
            } catch (RuntimeException e) {
                result = new WriteResult.Failed(e.toString());
            }
            finished(key, pending, result);
        }
    }

    private void finished(String key, Pending pending, WriteResult result) {
        synchronized (lock) {
            inFlight.remove(key);
            boolean superseded = waiting.containsKey(key);
            if (result instanceof WriteResult.Retry retry && !superseded && !closed) {
                if (pending.attempt() < maxAttempts) {
                    retriesScheduled++;
                    Duration delay = Duration.ofMillis(Math.min(30_000, 500L << Math.min(6, pending.attempt())));
                    clock.schedule(delay, () -> {
                        // One critical section: awaitIdle must not see the retry gone before its re-queue is.
                        synchronized (lock) {
                            retriesScheduled--;
                            if (!waiting.containsKey(key) && !inFlight.contains(key)) {
                                enqueue(key, new Pending(pending.call(), pending.attempt() + 1));
                            }
                            lock.notifyAll();
                        }
                    });
                } else {
                    LOG.warn("hollow kubelets: giving up writing {} after {} attempts: {}", key, pending.attempt(),
                            retry.why());
                }
            } else if (result instanceof WriteResult.Failed failure) {
                LOG.warn("hollow kubelets: writing {} failed: {}", key, failure.why());
            }
            if (superseded) {
                ready.add(key);
                lock.notify();
            }
            lock.notifyAll();
        }
    }

    /**
     * Waits until nothing is queued or being written (retries waiting for their timer count as pending).
     *
     * @return {@code false} if {@code timeout} passed first
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!waiting.isEmpty() || !inFlight.isEmpty() || retriesScheduled > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Lets queued writes finish within {@code timeout}, then stops the threads. */
    public void close(Duration timeout) {
        awaitIdle(timeout);
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
