package io.kevents.bench.recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 2's recorder benchmark: for each subject (kevents events.k8s.io/v1, kevents core/v1, the official Java
 * client's legacy recorder) and each number of recording threads, it runs the workload several times on a fresh
 * pipeline and reports medians over the measured rounds of:
 * <ul>
 *   <li>the caller-side cost of one call (median and p99.9 of every call, timed with {@code System.nanoTime()},
 *       so each figure includes about 20-40 ns of timer overhead), and the slowest call;</li>
 *   <li>end-to-end throughput: events per second from the first call until the pipeline has processed every
 *       call it accepted and made the writes it makes at once (dropped calls do not count);</li>
 *   <li>sink writes per run, counted after close (so including final series counts).</li>
 * </ul>
 * Run: {@code ./bench/run recorder [--calls N] [--rounds N] [--threads 1,2]}.
 */
@Command(name = "recorder", mixinStandardHelpOptions = true)
public final class RecorderBenchmark implements Callable<Integer> {

    @Option(names = "--calls", defaultValue = "1000000", description = "Calls per run (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--pods", defaultValue = "1000", description = "Pods the calls are spread over.")
    int pods;

    @Option(names = "--reasons", defaultValue = "10", description = "Reasons per pod (half Normal, half Warning).")
    int reasons;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured runs per subject and thread count.")
    int warmup;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured runs per subject and thread count.")
    int rounds;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", description = "Recording thread counts to measure.")
    int[] threads;

    @Option(names = "--queue", defaultValue = "1048576,8192", split = ",",
            description = "kevents per-watcher queue capacities to measure: one that holds the whole burst (so "
                    + "throughput is measured without drops, as the peer's unbounded queue never drops) and the "
                    + "library default (which drops, by design, when a burst outruns the pipeline).")
    int[] queues;

    @Option(names = "--only", description = "Measure only subjects whose name contains this text.")
    String only;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RecorderBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Workload workload = new Workload(calls, pods, reasons);
        List<Subject> subjects = new ArrayList<>();
        for (int queue : queues) {
            subjects.add(new KeventsSubject(true, queue));
            subjects.add(new KeventsSubject(false, queue));
        }
        subjects.add(new OfficialClientSubject());
        if (only != null) {
            subjects.removeIf(s -> !s.name().contains(only));
        }
        System.out.printf("workload: %,d calls over %d pods x %d reasons, half fixed notes, half varying; "
                + "%d warm-up + %d measured runs each; JVM %s, %d CPUs%n", calls, pods, reasons, warmup, rounds,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-46s %7s %10s %11s %11s %14s %10s %7s%n", "subject", "threads", "call p50",
                "call p99.9", "call max", "end-to-end/s", "writes", "drops/run");
        for (int threadCount : threads) {
            List<Summary> summaries = new ArrayList<>();
            for (Subject subject : subjects) {
                List<Measurement> measured = new ArrayList<>();
                for (int round = 0; round < warmup + rounds; round++) {
                    Measurement m = runOnce(subject, workload, threadCount);
                    if (round >= warmup) {
                        measured.add(m);
                    }
                }
                Summary summary = Summary.of(subject.name(), threadCount, measured);
                summaries.add(summary);
                System.out.println(summary.line());
            }
            Summary official = summaries.get(summaries.size() - 1);
            for (Summary kevents : summaries.subList(0, summaries.size() - 1)) {
                if (kevents.drops() > 0) {
                    System.out.printf("  %s, %d thread(s): dropped %,d of %,d calls per run (queue full), so no "
                            + "throughput ratio%n", kevents.name(), threadCount, kevents.drops(), calls);
                    continue;
                }
                System.out.printf("  %s vs official, %d thread(s): end-to-end x%.1f, call p50 x%.1f%n",
                        kevents.name(), threadCount, kevents.throughput() / official.throughput(),
                        (double) official.p50() / kevents.p50());
            }
        }
        return 0;
    }

    private static Measurement runOnce(Subject subject, Workload workload, int threadCount) throws Exception {
        System.gc();
        Subject.Run run = subject.start(workload);
        int perThread = workload.calls() / threadCount;
        long[][] samples = new long[threadCount][perThread];
        Thread[] callers = new Thread[threadCount];
        long start = System.nanoTime();
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            callers[t] = new Thread(() -> {
                long[] mine = samples[index];
                int first = index * perThread;
                for (int i = 0; i < perThread; i++) {
                    long before = System.nanoTime();
                    run.call(first + i);
                    mine[i] = System.nanoTime() - before;
                }
            }, "bench-caller-" + t);
        }
        for (Thread caller : callers) {
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        run.awaitProcessed((long) perThread * threadCount, Duration.ofMinutes(5));
        long elapsed = System.nanoTime() - start;
        run.close();
        long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
        long processed = (long) perThread * threadCount - run.drops();
        return new Measurement(all[all.length / 2], all[(int) (all.length * 0.999)], all[all.length - 1],
                processed * 1e9 / elapsed, run.writes(), run.drops());
    }

    private record Measurement(long p50, long p999, long max, double throughput, long writes, long drops) {
    }

    private record Summary(String name, int threads, long p50, long p999, long max, double throughput, long writes,
                           long drops) {
        static Summary of(String name, int threads, List<Measurement> runs) {
            return new Summary(name, threads, median(runs.stream().mapToDouble(Measurement::p50)),
                    median(runs.stream().mapToDouble(Measurement::p999)),
                    median(runs.stream().mapToDouble(Measurement::max)),
                    median(runs.stream().mapToDouble(Measurement::throughput)),
                    median(runs.stream().mapToDouble(Measurement::writes)),
                    median(runs.stream().mapToDouble(Measurement::drops)));
        }

        String line() {
            return String.format("%-46s %7d %8d ns %8d ns %8.1f ms %,14.0f %,10d %7d", name, threads, p50, p999,
                    max / 1e6, throughput, writes, drops);
        }

        private static long median(java.util.stream.DoubleStream values) {
            double[] sorted = values.sorted().toArray();
            return Math.round(sorted[sorted.length / 2]);
        }
    }
}
