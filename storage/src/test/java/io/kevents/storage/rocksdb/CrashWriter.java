package io.kevents.storage.rocksdb;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.WriteResult;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.time.SystemClock;

import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.BufferedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link EmbeddedCrashTest}: writes from many threads forever and prints one line per
 * acknowledged write ({@code ACK key modRevision value}), only after the acknowledgement. The parent kills it with
 * SIGKILL at a random moment.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        SystemClock clock = new SystemClock("crash-writer-clock");
        KeyValueStore store = EmbeddedStore.open(dir, clock, MvccOptions.DEFAULTS, new RocksOptions(32 << 20, 16 << 20));
        out.println("READY");
        out.flush();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                String counter = "/registry/counters/t" + thread;
                long counterRevision = 0;
                long count = 0;
                for (long i = 0; ; i++) {
                    try {
                        String key = "/registry/events/crash/t" + thread + "-" + i;
                        String value = "event " + thread + "/" + i;
                        WriteResult created = store.create(key, value.getBytes(StandardCharsets.UTF_8),
                                Attributes.of("thread", Integer.toString(thread)), Duration.ofHours(1))
                                .get(30, TimeUnit.SECONDS);
                        ack(out, ((WriteResult.Written) created).kv());
                        // Every few events, a compare-and-swap update of the thread's counter.
                        if (i % 4 == 0) {
                            count++;
                            byte[] v = Long.toString(count).getBytes(StandardCharsets.UTF_8);
                            WriteResult r = counterRevision == 0
                                    ? store.create(counter, v, Attributes.NONE, Duration.ZERO).get(30, TimeUnit.SECONDS)
                                    : store.update(counter, counterRevision, v, Attributes.NONE, Duration.ZERO)
                                    .get(30, TimeUnit.SECONDS);
                            KeyValue kv = ((WriteResult.Written) r).kv();
                            counterRevision = kv.modRevision();
                            ack(out, kv);
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                        return;
                    }
                }
            }, "crash-writer-" + t);
            writer.start();
        }
        Thread.currentThread().join();
    }

    private static void ack(PrintStream out, KeyValue kv) {
        String line = "ACK " + kv.key() + " " + kv.modRevision() + " " + new String(kv.value(), StandardCharsets.UTF_8);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
