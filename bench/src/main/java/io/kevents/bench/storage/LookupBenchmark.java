package io.kevents.bench.storage;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.WriteResult;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.rocksdb.EmbeddedStore;
import io.kevents.storage.rocksdb.RocksOptions;
import io.kevents.time.SystemClock;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the API server will need from the embedded store: with N events stored, the lookup behind {@code kubectl
 * describe pod} (events whose involvedObject.uid is the pod's), and the process's resident memory. Run with a
 * small heap ({@code BENCH_JVM_OPTS=-Xmx512m}) to show that neither values nor the index live on the heap.
 */
final class LookupBenchmark {

    private final Path base;
    private final int events;

    LookupBenchmark(Path base, int events) {
        this.base = base;
        this.events = events;
    }

    void run() throws Exception {
        System.out.printf("%n== describe lookup: %,d events stored, list by involvedObject.uid%n", events);
        EventFixture fixture = new EventFixture(1024);
        try (SystemClock clock = new SystemClock("lookup-clock");
             KeyValueStore store = EmbeddedStore.open(Files.createTempDirectory(base, "lookup-"), clock,
                     MvccOptions.DEFAULTS, RocksOptions.DEFAULTS)) {
            long start = System.nanoTime();
            Semaphore inFlight = new Semaphore(4096);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (long i = 0; i < events && failure.get() == null; i++) {
                inFlight.acquire();
                EventFixture.Event e = fixture.event(i);
                store.create(e.key(), e.value(), e.attributes(), Duration.ofHours(1)).whenComplete((r, t) -> {
                    if (t != null || !(r instanceof WriteResult.Written)) {
                        failure.compareAndSet(null, t != null ? t : new IllegalStateException("unexpected " + r));
                    }
                    inFlight.release();
                });
            }
            inFlight.acquire(4096);
            if (failure.get() != null) {
                throw new IllegalStateException("loading failed", failure.get());
            }
            System.out.printf("loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
            Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
            Random random = new Random(7);
            int found = 0;
            for (int q = 0; q < 2000; q++) {
                long i = random.nextLong(events);
                long t0 = System.nanoTime();
                ListResult r = store.list("/registry/events/", new ListOptions(0, null, 500,
                        Map.of("involvedObject.uid", fixture.uidOf(i)))).get(10, TimeUnit.SECONDS);
                micros.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                found += r.items().size();
            }
            System.out.printf("2,000 lookups: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.1f events per pod found%n",
                    micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                    micros.getMaxValue() / 1000.0, found / 2000.0);
            System.gc();
            System.out.printf("process RSS %d MiB, Java heap used %d MiB of max %d MiB%n", rssMiB(),
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    static long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        }
        return -1;
    }
}
