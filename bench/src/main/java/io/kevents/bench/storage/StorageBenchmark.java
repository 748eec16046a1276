package io.kevents.bench.storage;

import io.kevents.bench.WorkDirectory;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.etcd.EtcdOptions;
import io.kevents.storage.etcd.EtcdStore;
import io.kevents.storage.memory.MemoryStore;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.rocksdb.EmbeddedStore;
import io.kevents.storage.rocksdb.RocksOptions;
import io.kevents.storage.testing.EtcdProcess;
import io.kevents.time.SystemClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage benchmark: writes per second and p50/p99 latency of 1 KiB event creates with 1, 8 and 64 concurrent
 * writers for each store, raw etcd puts (single and grouped) against the same etcd as the reference, and TTL expiry
 * of a million events under full write load. It starts its own etcd on loopback ports with a temporary data
 * directory and removes everything when done.
 *
 * <p>Run: {@code ./bench/run storage [options]}; {@code --help} lists them.
 */
@Command(name = "storage", mixinStandardHelpOptions = true,
        description = "Storage benchmark: embedded (RocksDB), etcd and in-memory stores, raw etcd as reference.")
public final class StorageBenchmark implements Callable<Integer> {

    @Option(names = "--stores", split = ",", defaultValue = "embedded,etcd,memory",
            description = "Stores to measure, in this order; empty for none (default: ${DEFAULT-VALUE}: the"
                    + " in-memory store last, as its gigabyte of garbage slows whatever runs after it)")
    List<String> stores;

    @Option(names = "--writers", split = ",", defaultValue = "1,8,64",
            description = "Concurrent writers (default: ${DEFAULT-VALUE})")
    List<Integer> writers;

    @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds per case (default: 10)")
    double seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured seconds before each case (default: 3)")
    double warmup;

    @Option(names = "--repeat", defaultValue = "1", description = "Runs of the whole matrix; medians are printed")
    int repeat;

    @Option(names = "--raw-etcd", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure raw etcd puts as the reference (default: on)")
    boolean rawEtcd;

    @Option(names = "--ttl-events", defaultValue = "1000000",
            description = "Events expiring at once in the TTL test; 0 skips it (default: 1000000)")
    int ttlEvents;

    @Option(names = "--etcd-txns-in-flight", defaultValue = "4",
            description = "EtcdStore transactions in flight (default: 4)")
    int etcdInFlight;

    @Option(names = "--compare-engines", split = ",",
            description = "Only compare embedded engines (sqlite,rocksdb,mvstore) on the event write pattern")
    List<String> engines;

    @Option(names = "--lookup-events", defaultValue = "0",
            description = "Only measure the describe lookup (list by involvedObject.uid) and RSS with this many"
                    + " events in the embedded store")
    int lookupEvents;

    @Option(names = "--dir", description = "Directory for temporary data (default: the system temp directory)")
    Path dir;

    private final Map<String, List<WriteLoad.Result>> results = new LinkedHashMap<>();
    private final List<Double> ttlRatios = new ArrayList<>();
    private final List<Double> ttlRates = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try (WorkDirectory work = WorkDirectory.create(dir, "kevents-bench-storage-")) {
            Path base = work.path();
            if (engines != null) {
                new EngineComparison(base, seconds).run(engines);
                return 0;
            }
            if (lookupEvents > 0) {
                new LookupBenchmark(base, lookupEvents).run();
                return 0;
            }
            printMachine();
            stores = stores.stream().filter(st -> !st.isBlank()).toList();
            boolean needEtcd = stores.contains("etcd") || rawEtcd;
            try (EtcdProcess etcd = needEtcd ? EtcdProcess.start("--quota-backend-bytes", "8589934592") : null;
                 SystemClock clock = new SystemClock("bench-store-clock")) {
                for (int run = 1; run <= repeat; run++) {
                    System.out.printf("%n== run %d of %d: 1 KiB events, closed-loop writers (writes outstanding), %.0f s"
                            + " each after %.0f s warm-up%n", run, repeat, seconds, warmup);
                    for (String store : stores) {
                        for (int w : writers) {
                            try (KeyValueStore s = open(store, base, clock, etcd)) {
                                WriteLoad load = new WriteLoad(s, new EventFixture(1024), Duration.ofHours(1),
                                        new AtomicLong());
                                WriteLoad.Result r = load.run(w, seconds(warmup), seconds(seconds));
                                record(store + " x" + w, r);
                            }
                            collectGarbage();
                        }
                    }
                    if (rawEtcd) {
                        try (RawEtcdLoad raw = new RawEtcdLoad(etcd.clientUrl())) {
                            record("raw etcd put x1", raw.run(1, 1, seconds(warmup), seconds(seconds)));
                            record("raw etcd put x64", raw.run(64, 1, seconds(warmup), seconds(seconds)));
                            record("raw etcd txn(100 puts) x8", raw.run(8, 100, seconds(warmup), seconds(seconds)));
                        }
                    }
                    if (ttlEvents > 0) {
                        TtlExpiryBenchmark.Outcome ttl = new TtlExpiryBenchmark(base, ttlEvents, seconds(seconds))
                                .run();
                        record("ttl: idle", ttl.idle());
                        record("ttl: while expiring", ttl.during());
                        ttlRatios.add(ttl.during().p99Ms() / ttl.idle().p99Ms());
                        ttlRates.add(ttl.expiredPerSecond());
                    }
                }
                if (repeat > 1) {
                    printMedians();
                }
            }
        }
        return 0;
    }

    private KeyValueStore open(String store, Path base, SystemClock clock, EtcdProcess etcd) throws Exception {
        return switch (store) {
            case "memory" -> MemoryStore.open(clock);
            case "embedded" -> EmbeddedStore.open(Files.createTempDirectory(base, "embedded-"), clock,
                    MvccOptions.DEFAULTS, RocksOptions.DEFAULTS);
            case "etcd" -> EtcdStore.connect(List.of(etcd.clientUrl()), clock,
                    EtcdOptions.DEFAULTS.withMaxTxnsInFlight(etcdInFlight));
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown store " + store);
        };
    }

    private void record(String name, WriteLoad.Result r) {
        System.out.printf("%-28s %s%n", name, r.describe());
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
    }

    private void printMedians() {
        System.out.printf("%n== medians of %d runs%n", repeat);
        System.out.printf("%-28s %10s %10s %10s%n", "case", "writes/s", "p50 ms", "p99 ms");
        for (Map.Entry<String, List<WriteLoad.Result>> e : results.entrySet()) {
            List<WriteLoad.Result> rs = e.getValue();
            System.out.printf("%-28s %10.0f %10.2f %10.2f%n", e.getKey(),
                    median(rs.stream().mapToDouble(WriteLoad.Result::perSecond).toArray()),
                    median(rs.stream().mapToDouble(WriteLoad.Result::p50Ms).toArray()),
                    median(rs.stream().mapToDouble(WriteLoad.Result::p99Ms).toArray()));
        }
        if (!ttlRatios.isEmpty()) {
            System.out.printf("TTL expiry: p99 while expiring / idle p99, median %.2f (runs: %s); expired per second,"
                            + " median %.0f%n", median(ttlRatios.stream().mapToDouble(d -> d).toArray()),
                    ttlRatios.stream().map(d -> String.format("%.2f", d)).toList(),
                    median(ttlRates.stream().mapToDouble(d -> d).toArray()));
        }
    }

    /**
     * Collects the previous case's garbage now (the in-memory store leaves a gigabyte of it), so that the
     * collector's work is not charged to the next case: measured, it halved the embedded store's rate.
     */
    private static void collectGarbage() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    private static void printMachine() {
        System.out.printf("machine: %d cores, %d MiB max heap, Java %s, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StorageBenchmark()).execute(args));
    }
}
