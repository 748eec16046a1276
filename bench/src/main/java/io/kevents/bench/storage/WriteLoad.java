package io.kevents.bench.storage;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.WriteResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Closed-loop writers: each creates a new 1 KiB event, waits for the acknowledgement, and goes again, so "64
 * writers" means 64 writes outstanding at any time, as 64 concurrent API requests would be. Writers are
 * asynchronous loops run by two harness threads (not 64 blocked threads, which on two cores would measure the
 * scheduler), and the store's own threads never run harness code. The rate and the latency percentiles are what a
 * caller of the store sees.
 */
final class WriteLoad {

    private final Function<Long, CompletableFuture<?>> write;
    private final int writesPerRequest;
    private final AtomicLong sequence;

    /** Creates of the fixture's events (each with {@code ttl}) in {@code store}. */
    WriteLoad(KeyValueStore store, EventFixture fixture, Duration ttl, AtomicLong sequence) {
        this(i -> {
            EventFixture.Event e = fixture.event(i);
            return store.create(e.key(), e.value(), e.attributes(), ttl).thenApply(r -> {
                if (!(r instanceof WriteResult.Written)) {
                    throw new IllegalStateException("unexpected " + r);
                }
                return r;
            });
        }, 1, sequence);
    }

    /**
     * Any write: {@code write} starts request number {@code i}; each request carries {@code writesPerRequest}
     * writes (a transaction of several puts counts as several).
     */
    WriteLoad(Function<Long, CompletableFuture<?>> write, int writesPerRequest, AtomicLong sequence) {
        this.write = write;
        this.writesPerRequest = writesPerRequest;
        this.sequence = sequence;
    }

    /** The outcome of one measurement. */
    record Result(long writes, double seconds, Histogram latencyMicros) {
        double perSecond() {
            return writes / seconds;
        }

        double p50Ms() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }

        String describe() {
            return String.format("%9.0f writes/s  p50 %7.2f ms  p99 %7.2f ms  (%d writes in %.1f s)", perSecond(),
                    p50Ms(), p99Ms(), writes, seconds);
        }
    }

    /** Runs {@code writers} writers for {@code warmup} (not measured), then for {@code duration}. */
    Result run(int writers, Duration warmup, Duration duration) throws InterruptedException {
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long end = warmupEnd + duration.toNanos();
        return runUntil(writers, warmupEnd, () -> System.nanoTime() >= end);
    }

    /** Runs until {@code stop} says so, measuring writes that start at or after {@code measureFromNanos}. */
    Result runUntil(int writers, long measureFromNanos, BooleanSupplier stop) throws InterruptedException {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong counted = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(writers);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService harness = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-harness-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            class Writer {
                void next() {
                    if (stop.getAsBoolean() || failure.get() != null) {
                        finished.countDown();
                        return;
                    }
                    long i = sequence.getAndIncrement();
                    long start = System.nanoTime();
                    CompletableFuture<?> request;
                    try {
                        request = write.apply(i);
                    } catch (RuntimeException ex) {
                        request = CompletableFuture.failedFuture(ex);
                    }
                    request.whenCompleteAsync((r, t) -> {
                        long done = System.nanoTime();
                        if (t != null) {
                            failure.compareAndSet(null, t);
                        } else if (start >= measureFromNanos) {
                            recorder.recordValue(Math.max(1, (done - start) / 1000));
                            counted.addAndGet(writesPerRequest);
                        }
                        next();
                    }, harness);
                }
            }
            for (int w = 0; w < writers; w++) {
                harness.execute(() -> new Writer().next());
            }
            while (System.nanoTime() < measureFromNanos) {
                Thread.sleep(5);
            }
            recorder.reset();
            long measuredStart = System.nanoTime();
            finished.await();
            double seconds = (System.nanoTime() - measuredStart) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("writers failed", failure.get());
            }
            return new Result(counted.get(), seconds, recorder.getIntervalHistogram());
        } finally {
            harness.shutdownNow();
        }
    }
}
