package io.kevents.bench.apiserver;

import io.kevents.bench.WorkDirectory;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 4's API server benchmarks, each server in its own JVM with the same flags:
 * <ul>
 *   <li>{@code creates}: durable event creates per second and p50/p99 latency over HTTP/1.1 keep-alive with 8 and 64
 *       closed-loop clients, kevents (embedded store) against fabric8's kubernetes-server-mock in CRUD mode;</li>
 *   <li>{@code watch}: 1,000 chunked watches while 2,000 events/s are written: delivery latency, completeness;</li>
 *   <li>{@code describe}: the {@code kubectl describe pod} event lookup with 1,000,000 stored events, and the
 *       server's RSS.</li>
 * </ul>
 * Run: {@code ./bench/run apiserver [--scenarios creates,watch,describe]}.
 */
@Command(name = "apiserver", mixinStandardHelpOptions = true)
public final class ApiserverBenchmark implements Callable<Integer> {

    @Option(names = "--scenarios", defaultValue = "creates,watch,describe", split = ",",
            description = "Which scenarios to run: creates, watch, describe (default: all).")
    Set<String> scenarios;

    @Option(names = "--clients", defaultValue = "8,64", split = ",",
            description = "Concurrent keep-alive clients of the create scenario (default: 8,64).")
    int[] clients;

    @Option(names = "--warmup", defaultValue = "5", description = "Warm-up seconds per run.")
    int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "15", description = "Measured seconds per run.")
    int seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "Runs per server and client count (median).")
    int rounds;

    @Option(names = "--server-jvm", defaultValue = "-Xms512m -Xmx512m -XX:+UseParallelGC",
            description = "JVM options of the server processes.")
    String serverJvm;

    @Option(names = "--storage", defaultValue = "embedded",
            description = "Store of the kevents server: embedded (durable, the default) or a store URI such as "
                    + "memory: (no fsync; a diagnostic that separates the HTTP path from the disk).")
    String storage;

    @Option(names = "--ceiling", description = "Also measure, in each round of the create scenario, a Vert.x server "
            + "that does no work (EchoServerMain): what this machine and load generator allow at all.")
    private boolean ceiling;

    @Option(names = "--watch-ceiling", description = "Run the watch scenario against FanOutCeilingMain, a Netty server "
            + "that stores and decodes nothing, instead of kevents: what this machine and load generator allow at all.")
    private boolean watchCeiling;

    @Option(names = "--watchers", defaultValue = "1000", description = "Concurrent watches of the watch scenario.")
    int watchers;

    @Option(names = "--watch-rate", defaultValue = "2000", description = "Events written per second while watched.")
    int watchRate;

    @Option(names = "--watch-padding", defaultValue = "0",
            description = "Characters added to each watched event's message (default 0: an event as a kubelet "
                    + "writes it; 560 gives the 1 KiB bodies of the create scenario).")
    int watchPadding;

    @Option(names = "--watch-warmup", defaultValue = "15",
            description = "Warm-up seconds of the watch scenario, at the full rate; the measured phase starts once "
                    + "every watcher has every warm-up event.")
    int watchWarmupSeconds;

    @Option(names = "--watch-seconds", defaultValue = "10", description = "Measured seconds of the watch scenario.")
    int watchSeconds;

    @Option(names = "--describe-events", defaultValue = "1000000",
            description = "Events stored before the describe lookups are timed.")
    int describeEvents;

    @Option(names = "--describe-pods", defaultValue = "10000",
            description = "Pods those events are spread over.")
    int describePods;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiserverBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (WorkDirectory workDirectory = WorkDirectory.create(null, "kevents-apiserver-bench")) {
            Path work = workDirectory.path();
            System.out.printf("server JVM: %s; %d CPUs; work dir %s (deleted at the end)%n", serverJvm,
                    Runtime.getRuntime().availableProcessors(), work);
            if (scenarios.contains("creates")) {
                creates(work);
            }
            if (scenarios.contains("watch")) {
                watch(work);
            }
            if (scenarios.contains("describe")) {
                describe(work);
            }
        }
        return 0;
    }

    private void creates(Path work) throws Exception {
        System.out.printf("%n== creates: %d s warm-up + %d s measured, median of %d runs%n", warmupSeconds, seconds,
                rounds);
        System.out.printf("%-36s %7s %12s %9s %9s %7s%n", "server", "clients", "creates/s", "p50 ms", "p99 ms",
                "errors");
        for (int clientCount : clients) {
            List<double[]> kevents = new ArrayList<>();
            List<double[]> mock = new ArrayList<>();
            List<double[]> echo = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String run = clientCount + "-" + round;
                kevents.add(measureCreates(startKevents(work, "creates-" + run), clientCount));
                mock.add(measureCreates(startPeer("mock", MockServerMain.class, work, "mock-" + run), clientCount));
                if (ceiling) {
                    echo.add(measureCreates(startPeer("echo", EchoServerMain.class, work, "echo-" + run),
                            clientCount));
                }
            }
            double[] k = median(kevents);
            double[] m = median(mock);
            print(storage.equals("embedded") ? "kevents (embedded, durable)" : "kevents (" + storage + ")",
                    clientCount, k);
            print("fabric8 kubernetes-server-mock (CRUD)", clientCount, m);
            System.out.printf("  ratio at %d clients: x%.1f creates/s%n", clientCount, k[0] / m[0]);
            if (ceiling) {
                double[] e = median(echo);
                print("ceiling: Vert.x echo, no work", clientCount, e);
                System.out.printf("  kevents at %d clients: %.0f%% of the ceiling%n", clientCount, 100 * k[0] / e[0]);
            }
        }
    }

    private double[] measureCreates(ServerProcess server, int clientCount) throws Exception {
        try (server; HttpLoad load = new HttpLoad(server.port(), clientCount)) {
            String run = Long.toString(System.nanoTime(), 36);
            LoadResult result = load.post("/api/v1/namespaces/default/events", sequence -> Buffer.buffer(
                    Payloads.event("default", "bench-" + run + "-" + sequence, sequence % 1000)),
                    Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(seconds));
            return new double[] {result.perSecond(), result.percentileMillis(0.50), result.percentileMillis(0.99),
                result.errors()};
        }
    }

    private void watch(Path work) throws Exception {
        System.out.printf("%n== watch fan-out%s: %d watchers, %d events/s, %d s warm-up + %d s measured%n",
                watchCeiling ? " (ceiling: FanOutCeilingMain, not kevents)" : "", watchers, watchRate,
                watchWarmupSeconds, watchSeconds);
        try (ServerProcess server = watchCeiling ? startPeer("ceiling", FanOutCeilingMain.class, work, "watch")
                : startKevents(work, "watch")) {
            createNamespace(server.port(), "watchbench");
            WatchFanOut.Result result = WatchFanOut.run(server.port(), watchers, watchRate, watchPadding,
                    Duration.ofSeconds(watchWarmupSeconds), Duration.ofSeconds(watchSeconds));
            System.out.printf("written %,d events; deliveries %,d of %,d expected (%.0f bytes each); duplicates %,d; "
                            + "watchers missing events: %d%n", result.written(), result.deliveries(),
                    result.expectedDeliveries(), result.bytesPerDelivery(), result.duplicates(),
                    result.incompleteWatchers());
            System.out.printf("delivery latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", result.p50Millis(),
                    result.p99Millis(), result.maxMillis());
            System.out.printf("write (POST) latency meanwhile: p50 %.1f ms, p99 %.1f ms%n", result.writeP50Millis(),
                    result.writeP99Millis());
        }
    }

    private void describe(Path work) throws Exception {
        System.out.printf("%n== describe lookup with %,d stored events (%,d pods x %d)%n", describeEvents, describePods,
                describeEvents / describePods);
        try (ServerProcess server = startKevents(work, "describe"); HttpLoad load = new HttpLoad(server.port(), 64)) {
            long fillStart = System.nanoTime();
            LoadResult fill = load.post("/api/v1/namespaces/default/events", sequence -> Buffer.buffer(
                    Payloads.event("default", "fill-" + sequence, sequence % describePods)),
                    Duration.ZERO, Duration.ofHours(1), describeEvents);
            System.out.printf("filled %,d events in %.1f s (%.0f creates/s, %d errors)%n", fill.requests(),
                    (System.nanoTime() - fillStart) / 1e9, fill.requests() / ((System.nanoTime() - fillStart) / 1e9),
                    fill.errors());
            long[] latencies = new long[200];
            int returned = 0;
            for (int i = 0; i < latencies.length; i++) {
                int pod = (i * 7919) % describePods;
                String uri = "/api/v1/namespaces/default/events?limit=500&fieldSelector=involvedObject.name%3Dpod-"
                        + pod + "%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.uid%3Duid-" + pod;
                long start = System.nanoTime();
                Buffer body = load.get(uri).toCompletionStage().toCompletableFuture().join();
                latencies[i] = System.nanoTime() - start;
                returned = countItems(body.toString());
            }
            Arrays.sort(latencies);
            System.out.printf("lookup of one pod's events (%d items): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    returned, latencies[100] / 1e6, latencies[198] / 1e6, latencies[199] / 1e6);
            System.gc();
            System.out.printf("server RSS with %,d events: %.0f MiB%n", describeEvents,
                    server.rssBytes() / 1024.0 / 1024.0);
        }
    }

    private ServerProcess startKevents(Path work, String name) throws Exception {
        Path dir = work.resolve(name);
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("server", "--port", Integer.toString(port), "--data-dir",
                dir.toString()));
        if (!storage.equals("embedded")) {
            arguments.add("--storage=" + storage);
        }
        return ServerProcess.start("kevents", jvmOptions(), "io.kevents.cli.Main", arguments, port,
                work.resolve(name + ".log"));
    }

    /** A peer server: {@code main} in its own JVM (same flags as kevents'), taking its port as only argument. */
    private ServerProcess startPeer(String peer, Class<?> main, Path work, String name) throws Exception {
        int port = freePort();
        return ServerProcess.start(peer, jvmOptions(), main.getName(), List.of(Integer.toString(port)), port,
                work.resolve(name + ".log"));
    }

    private List<String> jvmOptions() {
        return List.of(serverJvm.trim().split("\\s+"));
    }

    private static void createNamespace(int port, String name) throws Exception {
        try (HttpLoad load = new HttpLoad(port, 1)) {
            load.post("/api/v1/namespaces", ignored -> Buffer.buffer("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\"" + name + "\"}}"), Duration.ZERO, Duration.ofSeconds(10), 1);
        }
    }

    private static int countItems(String list) {
        int count = 0;
        for (int at = list.indexOf("\"involvedObject\""); at >= 0; at = list.indexOf("\"involvedObject\"", at + 1)) {
            count++;
        }
        return count;
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double[] median(List<double[]> runs) {
        double[] result = new double[runs.get(0).length];
        for (int i = 0; i < result.length; i++) {
            int index = i;
            double[] values = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
            result[i] = values[values.length / 2];
        }
        return result;
    }

    private static void print(String server, int clientCount, double[] values) {
        System.out.printf("%-36s %7d %,12.0f %9.2f %9.2f %7.0f%n", server, clientCount, values[0], values[1],
                values[2], values[3]);
    }
}
